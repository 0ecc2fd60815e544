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
}
