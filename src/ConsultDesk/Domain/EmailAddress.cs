using MimeKit;

namespace ConsultDesk.Domain;

public static class EmailAddress
{
    /// <summary>
    /// A plain addr-spec a mail server will accept: parsed by MimeKit as exactly itself (no display name,
    /// no comments, no group), with a dotted domain and no whitespace or control characters.
    /// </summary>
    public static bool IsValid(string value)
    {
        if (value.Length > 254 || value.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '<' or '>' or ',' or ';' or '"')) return false;
        if (!MailboxAddress.TryParse(ParserOptions.Default, value, out var mailbox) || mailbox.Address != value) return false;
        var at = value.LastIndexOf('@');
        return at > 0 && at < value.Length - 1 && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.');
    }

    /// <summary>
    /// The key a per-address limit counts by, so one mailbox cannot pass for many: lower-cased, with a sub-address
    /// (<c>+tag</c>) cut from the local part on every domain (a+1@ and a+2@ reach the same mailbox almost everywhere),
    /// and for Gmail (<c>gmail.com</c>, <c>googlemail.com</c>) the dots in the local part dropped as Gmail itself
    /// ignores them. Dots stay on other domains, where they may name different people. Used only for counting,
    /// never to decide where a mail goes or which case a mail belongs to.
    /// </summary>
    public static string LimitKey(string address)
    {
        var lower = address.Trim().ToLowerInvariant();
        var at = lower.LastIndexOf('@');
        if (at <= 0) return lower;
        var local = lower[..at];
        var domain = lower[(at + 1)..];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0) local = local[..plus];
        if (domain is "gmail.com" or "googlemail.com")
        {
            domain = "gmail.com";
            local = local.Replace(".", "", StringComparison.Ordinal);
            if (local.Length == 0) return lower;
        }
        return $"{local}@{domain}";
    }
}
