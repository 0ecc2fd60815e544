using ConsultDesk.Domain;
using MimeKit;
using MimeKit.Text;

namespace ConsultDesk.Mail;

/// <summary>Builds the MIME message for an outbox row: everything comes from the row, so every retry is byte-for-byte the same mail.</summary>
public static class OutboxMessage
{
    /// <param name="attachments">The mail's attachments as the dispatcher loaded them; defaults to those written with the mail.</param>
    /// <param name="secret">The row's secret unprotected (<see cref="OutboxSecrets.Unseal"/>): it replaces <see cref="OutboxMail.SecretPlaceholder"/>.</param>
    /// <param name="content">Opens an attachment's bytes (a stored file for one that names <see cref="OutboxAttachment.AttachmentId"/>);
    /// by default its own <see cref="OutboxAttachment.Content"/>. Dispose the message to close what was opened.</param>
    public static MimeMessage Build(OutboxMail mail, MailboxAddress from, string? reference, IReadOnlyList<OutboxAttachment>? attachments = null, string? secret = null,
        Func<OutboxAttachment, Stream>? content = null)
    {
        content ??= a => new MemoryStream(a.Content, writable: false);
        attachments ??= mail.Attachments;
        var message = new MimeMessage
        {
            MessageId = mail.MessageId,
            Date = new DateTimeOffset(DateTime.SpecifyKind(mail.CreatedAt, DateTimeKind.Utc)),
            Subject = OutboxMail.Reveal(mail.Subject, secret)!,
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.ToAddress));
        if (mail.InReplyTo is not null)
        {
            message.InReplyTo = mail.InReplyTo;
            message.References.Add(mail.InReplyTo);
        }
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (reference is not null) message.Headers.Add("X-ConsultDesk-Reference", reference);
        if (mail.ListUnsubscribe is not null)
        {
            // RFC 2369 and RFC 8058: mail clients offer a one-click opt-out that POSTs to the https link.
            message.Headers.Add("List-Unsubscribe", OutboxMail.Reveal(mail.ListUnsubscribe, secret)!);
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new TextPart(TextFormat.Plain);
        body.SetText("utf-8", OutboxMail.Reveal(mail.TextBody, secret)!);
        // Base64 keeps Japanese text intact through relays that are not 8-bit clean.
        body.ContentTransferEncoding = ContentEncoding.Base64;
        if (mail.CalendarInvite is null && attachments.Count == 0)
        {
            message.Body = body;
            return message;
        }
        var mixed = new Multipart("mixed") { body };
        if (mail.CalendarInvite is not null)
        {
            var invite = new TextPart("calendar") { ContentTransferEncoding = ContentEncoding.Base64, FileName = "invite.ics" };
            invite.ContentType.Parameters.Add("method", "REQUEST");
            invite.SetText("utf-8", OutboxMail.Reveal(mail.CalendarInvite, secret)!);
            mixed.Add(invite);
        }
        foreach (var attachment in attachments.OrderBy(a => a.Position))
            mixed.Add(Attachment(attachment, content(attachment)));
        message.Body = mixed;
        return message;
    }

    private static MimePart Attachment(OutboxAttachment attachment, Stream content)
    {
        // MimeKit writes a non-ASCII file name as an RFC 2231 parameter (filename*=utf-8''...), which mail clients decode.
        var part = new MimePart(ContentType.Parse(attachment.ContentType))
        {
            Content = new MimeContent(content),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = attachment.FileName,
        };
        return part;
    }
}
