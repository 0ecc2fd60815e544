using System.Text.RegularExpressions;
using MimeKit;

namespace ConsultDesk.Mail.Inbound;

/// <summary>
/// Mail the desk must never answer nor open a case for: our own mail coming back, bounces, mail from mail systems,
/// auto-replies and bulk mail. Answering any of them can start a mail loop (our acknowledgement answers their
/// auto-reply, which answers our acknowledgement …). Such mail is recorded and ignored with the reason returned here.
/// </summary>
/// <remarks>
/// An out-of-office reply from a real inquirer usually threads to our acknowledgement; it is still ignored rather
/// than attached: it says nothing the consultant must act on, attaching it would wake a case that waits on the
/// inquirer and cancel its reminders although the inquirer never answered, and its sender's client may reply again.
/// The inbound row still names the case it answered, so nothing is lost.
/// </remarks>
public static partial class LoopGuard
{
    public const string OwnMail = "own-mail";
    public const string Bounce = "bounce";
    public const string MailerDaemon = "mailer-daemon";
    public const string AutoSubmitted = "auto-submitted";
    public const string AutoReply = "auto-reply";
    public const string Bulk = "bulk";
    public const string NoSender = "no-sender";

    /// <summary>Why the mail must be ignored, or null when it is a person writing to the desk.</summary>
    /// <param name="deskAddress">The desk's own From address.</param>
    /// <param name="deskDomain">The domain of the Message-IDs the desk writes.</param>
    public static string? ReasonToIgnore(MimeMessage message, InboundMessage mail, string deskAddress, string deskDomain)
    {
        var headers = message.Headers;

        // Our own mail: sent by us, carrying our reference header, or a Message-ID we minted.
        if (string.Equals(mail.FromAddress, deskAddress, StringComparison.OrdinalIgnoreCase)
            || headers.Contains("X-ConsultDesk-Reference")
            || (mail.Key.EndsWith("@" + deskDomain, StringComparison.OrdinalIgnoreCase) && !mail.Key.StartsWith("sha256:", StringComparison.Ordinal)))
            return OwnMail;

        // Delivery status notifications (RFC 3464) and read receipts (RFC 8098), and bounces that only say so in headers.
        if (IsReport(message.Body) || headers.Contains("X-Failed-Recipients")
            || headers[HeaderId.ReturnPath]?.Trim() is "<>" or "")
            return Bounce;

        var local = mail.FromAddress.Split('@')[0].ToLowerInvariant();
        if (local is "mailer-daemon" or "postmaster" or "mail-daemon" or "maildaemon") return MailerDaemon;
        if (mail.FromAddress.Length == 0) return NoSender;

        // RFC 3834: anything but "no" is automatic (auto-generated, auto-replied, auto-notified …).
        if (headers["Auto-Submitted"] is { } autoSubmitted
            && !string.Equals(autoSubmitted.Split(';')[0].Trim(), "no", StringComparison.OrdinalIgnoreCase))
            return AutoSubmitted;

        // Auto-replies that predate RFC 3834: Exchange/Outlook (X-Auto-Response-Suppress, X-MS-Exchange-…-AutoReply),
        // vacation programs (X-Autoreply, X-Autorespond), and the subject prefixes Japanese and English clients use.
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Autoreply-From")
            || headers.Contains("X-Mail-Autoreply") || headers.Contains("X-MS-Exchange-Generated-Message-Source")
            || headers["X-Auto-Response-Suppress"] is { } suppress && SuppressesAutoReplies(suppress)
            || headers[HeaderId.Precedence]?.Trim().Equals("auto_reply", StringComparison.OrdinalIgnoreCase) == true
            || AutoReplySubject().IsMatch(mail.Subject))
            return AutoReply;

        if (headers[HeaderId.Precedence]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list") return Bulk;
        return null;
    }

    /// <summary>
    /// Exchange writes <c>X-Auto-Response-Suppress: All</c> (or OOF/AutoReply) on its own automatic messages; plain
    /// Outlook mail does not carry it, so a value that suppresses auto-replies marks automatic mail.
    /// </summary>
    private static bool SuppressesAutoReplies(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(v => v.Equals("All", StringComparison.OrdinalIgnoreCase) || v.Equals("OOF", StringComparison.OrdinalIgnoreCase)
                      || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase));

    private static bool IsReport(MimeEntity? body) => body switch
    {
        MultipartReport => true,
        Multipart multipart when multipart.ContentType.IsMimeType("multipart", "report") => true,
        Multipart multipart => multipart.Any(IsReport),
        MessageDeliveryStatus => true,
        _ => false,
    };

    [GeneratedRegex(@"^\s*(自動応答|自動返信|自動送信|不在通知|不在|Automatic reply|Auto[- ]?Reply|Autoreply|Out of Office( AutoReply)?|Out of the Office|Abwesenheitsnotiz)\s*[:：]",
        RegexOptions.IgnoreCase)]
    private static partial Regex AutoReplySubject();
}
