using System.Text;
using ConsultDesk.Domain;

namespace ConsultDesk.Features.Cases;

/// <summary>What kind of exact lookup a search text is: the desk's commonest searches, answered from an index.</summary>
public enum CaseLookupKind
{
    Email,
    Phone,
    Reference,
}

/// <summary>
/// A search text that is, after trimming and NFKC, a whole email address, a Japanese phone number or a case reference:
/// the queue answers it from an exact index (<see cref="Apply"/>) instead of the free-text bigram search.
/// </summary>
public sealed record CaseLookup(CaseLookupKind Kind, string Key)
{
    public static CaseLookup? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var folded = text.Normalize(NormalizationForm.FormKC).Trim();
        if (folded.Length is 0 or > 254) return null;

        var upper = folded.ToUpperInvariant();
        if (upper.Length == 14 && ReferenceNumber.IsWellFormed(upper)) return new(CaseLookupKind.Reference, upper);

        // Email by the case's EmailKey (EmailAddress.LimitKey, as stored for every case): case does not matter, and a
        // +tag (or a dot in a Gmail local part) names the same mailbox, so a+tag@ and a@ find each other.
        if (folded.Contains('@'))
            return EmailAddress.IsValid(folded) ? new(CaseLookupKind.Email, EmailAddress.LimitKey(folded)) : null;

        // Only digits, separators and a leading +: a phone number however it is spelled, reduced as intake stores it.
        if (folded.All(ch => char.IsAsciiDigit(ch) || ch == '+' || !char.IsLetterOrDigit(ch)))
        {
            var digits = JapaneseText.NormalizePhone(folded);
            if (JapaneseText.IsJapanesePhone(digits)) return new(CaseLookupKind.Phone, digits);
        }
        return null;
    }

    /// <summary>The kind as the API and the page name it: <c>email</c>, <c>phone</c> or <c>reference</c>.</summary>
    public string KindName => Kind switch { CaseLookupKind.Email => "email", CaseLookupKind.Phone => "phone", _ => "reference" };

    /// <summary>The cases this lookup names, each kind through its index (IX_Cases_EmailKey_SubmittedAt, IX_Cases_Phone, IX_Cases_Reference).</summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases)
    {
        var key = Key;
        return Kind switch
        {
            CaseLookupKind.Email => cases.Where(c => c.EmailKey == key),
            CaseLookupKind.Phone => cases.Where(c => c.Phone == key),
            _ => cases.Where(c => c.Reference == key),
        };
    }
}
