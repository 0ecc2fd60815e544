namespace ConsultDesk.Domain;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A mail the desk has decided to send, written in the same transaction as the change that caused it.
/// The rendered message and its Message-ID are fixed at creation, so any retry resends the very same message.
/// </summary>
public sealed class OutboxMail
{
    private OutboxMail() { }

    public Guid Id { get; private set; }
    public Guid? CaseId { get; private set; }
    /// <summary>What the mail is for, e.g. <c>acknowledgement</c>; shown on the case timeline.</summary>
    public string Kind { get; private set; } = "";
    public string MessageId { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string? ToName { get; private set; }
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string? InReplyTo { get; private set; }
    /// <summary>An iCalendar invitation (METHOD:REQUEST) sent as a text/calendar part, if any.</summary>
    public string? CalendarInvite { get; private set; }
    /// <summary>The List-Unsubscribe header of a non-essential mail (mailto and https); null for essential mail.</summary>
    public string? ListUnsubscribe { get; private set; }
    /// <summary>
    /// The one-time secret the message carries (a portal token), encrypted with Data Protection; the stored texts hold
    /// <see cref="SecretPlaceholder"/> instead. Cleared once the row is sent or has failed for good, so no usable link
    /// stays in the outbox (see ConsultDesk.Mail.OutboxSecrets).
    /// </summary>
    public string? ProtectedSecret { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    /// <summary>While set and in the future, one dispatcher holds the row; a crash simply lets the lease lapse.</summary>
    public DateTime? LeasedUntil { get; private set; }
    /// <summary>Which dispatch run holds the lease.</summary>
    public Guid? LeaseOwner { get; private set; }
    public DateTime? SentAt { get; private set; }
    /// <summary>Error class and SMTP status only: never addresses or message text.</summary>
    public string? LastError { get; private set; }
    /// <summary>Whether <see cref="OutboxAttachment"/> rows belong to the mail: the dispatcher reads attachments only for these.</summary>
    public bool HasAttachments { get; private set; }

    private readonly List<OutboxAttachment> attachments = [];
    /// <summary>The files written with the mail; not loaded when a mail is read back (the dispatcher loads them per batch).</summary>
    public IReadOnlyList<OutboxAttachment> Attachments => attachments;

    public static OutboxMail Create(Guid? caseId, string kind, RenderedMail mail, string toAddress, string? toName,
        string messageIdDomain, DateTime nowUtc, string? inReplyTo = null, string? calendarInvite = null,
        string? listUnsubscribe = null, OutboxSecret? secret = null, string? messageIdLocalPart = null)
    {
        var id = Guid.CreateVersion7();
        string? Hide(string? text) => secret is null || text is null ? text : text.Replace(secret.Clear, SecretPlaceholder, StringComparison.Ordinal);
        return new OutboxMail
        {
            Id = id,
            CaseId = caseId,
            Kind = kind,
            // A caller that must never send a mail twice fixes the local part: the unique Message-ID then refuses a second row.
            MessageId = $"{messageIdLocalPart ?? id.ToString("N")}@{messageIdDomain}",
            ToAddress = toAddress,
            ToName = toName,
            Subject = Hide(mail.Subject)!,
            TextBody = Hide(mail.TextBody)!,
            InReplyTo = inReplyTo,
            CalendarInvite = Hide(calendarInvite),
            ListUnsubscribe = Hide(listUnsubscribe),
            ProtectedSecret = secret?.Protected,
            Status = OutboxStatus.Pending,
            CreatedAt = nowUtc,
            NextAttemptAt = nowUtc,
        };
    }

    /// <summary>Adds a file to the mail; it is saved with the mail, in the same transaction.</summary>
    public OutboxAttachment Attach(string fileName, string contentType, byte[] content)
    {
        var attachment = OutboxAttachment.Create(Id, attachments.Count, fileName, contentType, content);
        attachments.Add(attachment);
        HasAttachments = true;
        return attachment;
    }

    /// <summary>
    /// Adds a file of the case's attachment store to the mail by reference: the row names the attachment and holds no
    /// bytes; the dispatcher reads the stored file when it builds the message.
    /// </summary>
    public OutboxAttachment AttachStored(Attachment stored)
    {
        var attachment = OutboxAttachment.Create(Id, attachments.Count, stored.FileName, stored.ContentType, [], stored.Id);
        attachments.Add(attachment);
        HasAttachments = true;
        return attachment;
    }

    public void MarkSent(DateTime nowUtc)
    {
        Status = OutboxStatus.Sent;
        SentAt = nowUtc;
        LeasedUntil = null;
        LeaseOwner = null;
        LastError = null;
        Attempts++;
        ProtectedSecret = null;
    }

    /// <summary>Stands in the stored texts where the secret goes; the dispatcher puts the secret back at send time.</summary>
    public const string SecretPlaceholder = "{{outbox-secret}}";

    /// <summary>What replaces the placeholder once the secret is gone (an admin resent a failed row): a link that opens nothing.</summary>
    public const string DiscardedSecret = "expired";

    /// <summary>A stored text as it is sent: the placeholder replaced by the secret, or by <see cref="DiscardedSecret"/> without one.</summary>
    public static string? Reveal(string? text, string? secret) =>
        text?.Replace(SecretPlaceholder, secret ?? DiscardedSecret, StringComparison.Ordinal);

    /// <summary>An admin sends a failed mail again: it becomes due now, with a fresh attempt budget.</summary>
    public bool Retry(DateTime nowUtc)
    {
        if (Status != OutboxStatus.Failed) return false;
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = nowUtc;
        LeasedUntil = null;
        LeaseOwner = null;
        return true;
    }

    /// <summary>Records a failed attempt: retried with exponential backoff until the attempts run out.</summary>
    public void MarkAttemptFailed(string error, bool permanent, int maxAttempts, TimeSpan baseDelay, DateTime nowUtc)
    {
        Attempts++;
        LeasedUntil = null;
        LeaseOwner = null;
        LastError = error.Length > 500 ? error[..500] : error;
        if (permanent || Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Failed;
            // A mail that will not go out must not keep its link either; an admin's retry sends a dead link instead.
            ProtectedSecret = null;
            return;
        }
        var delay = TimeSpan.FromTicks(Math.Min(baseDelay.Ticks * (1L << Math.Min(Attempts - 1, 16)), TimeSpan.FromHours(6).Ticks));
        NextAttemptAt = nowUtc + delay;
    }
}

public sealed record RenderedMail(string Subject, string TextBody);

/// <summary>A one-time secret in clear (to take out of the rendered texts) and protected (to store); made by ConsultDesk.Mail.OutboxSecrets.</summary>
public sealed record OutboxSecret(string Clear, string Protected)
{
    public override string ToString() => nameof(OutboxSecret);
}

/// <summary>A file sent with an outbox mail, in <see cref="Position"/> order.</summary>
public sealed class OutboxAttachment
{
    private OutboxAttachment() { }

    public Guid Id { get; private set; }
    public Guid OutboxMailId { get; private set; }
    public int Position { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    /// <summary>The bytes, for a file made with the mail (a report CSV); empty when <see cref="AttachmentId"/> names a stored file.</summary>
    public byte[] Content { get; private set; } = [];
    /// <summary>A case attachment (<see cref="Attachment"/>) whose stored file is sent, read at send time.</summary>
    public Guid? AttachmentId { get; private set; }

    internal static OutboxAttachment Create(Guid outboxMailId, int position, string fileName, string contentType, byte[] content, Guid? attachmentId = null) => new()
    {
        AttachmentId = attachmentId,
        Id = Guid.CreateVersion7(),
        OutboxMailId = outboxMailId,
        Position = position,
        FileName = fileName,
        ContentType = contentType,
        Content = content,
    };
}
