using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;

namespace ConsultDesk.Features.Declarations;

/// <summary>The mails the office's review decisions send to the declarant's contact (through <see cref="DeclarationMail"/>).</summary>
public static class DeclarationReviewMail
{
    public const string AcceptedKind = "declaration-accepted";
    public const string ReturnedKind = "declaration-returned";
    public const string RejectedKind = "declaration-rejected";
    public const string WithdrawnKind = "declaration-withdrawn";

    /// <summary>The certificate of an accepted declaration: <c>{PublicBaseUrl}/sengen/{number}/certificate.pdf</c>.</summary>
    public static string CertificateUrl(DeclarationLinks links, int number) => $"{links.PublicUrl(number)}/certificate.pdf";

    /// <summary>The values the review templates add to the declarant model: the reason, and whether it was about a change after acceptance.</summary>
    public static Dictionary<string, object?> Extra(Declaration declaration, string? reason, bool change) => new(StringComparer.Ordinal)
    {
        ["reason"] = reason ?? "",
        ["change"] = change,
    };
}
