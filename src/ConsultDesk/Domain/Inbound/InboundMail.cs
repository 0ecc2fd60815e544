namespace ConsultDesk.Domain.Inbound;

public enum InboundOutcome
{
    /// <summary>Matched to an existing case and added to its timeline.</summary>
    Reply,
    /// <summary>Opened a new case of type other for triage.</summary>
    NewCase,
    /// <summary>Recorded but not acted on: auto-replies, bounces, our own mail, floods, mail too large or failing import.</summary>
    Ignored,
    /// <summary>
    /// Answers mail the desk sent to someone other than the case's inquirer (an escalation to managers, an introduction
    /// to a municipality): kept on the case's timeline for staff, never shown to the inquirer nor counted as their reply.
    /// </summary>
    Internal,
}

/// <summary>
/// One message read from the desk's IMAP mailbox. Recorded in the same transaction as what it caused, keyed by
/// mailbox UID and by Message-ID, so a poll that crashes half-way imports nothing twice.
/// </summary>
public sealed class InboundMail
{
    private InboundMail() { }

    public Guid Id { get; private set; }
    public string Mailbox { get; private set; } = "";
    public long UidValidity { get; private set; }
    public long Uid { get; private set; }
    /// <summary>The message's Message-ID, or a digest of its bytes when it has none.</summary>
    public string MessageId { get; private set; } = "";
    /// <summary>The sender as the flood cap counts it (lower-cased, +tag cut: <see cref="EmailAddress.LimitKey"/>).</summary>
    public string FromAddressNormalized { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public InboundOutcome Outcome { get; private set; }
    /// <summary>Why it was ignored (auto-submitted, bounce, own-mail, flood, unsubscribe …).</summary>
    public string? Reason { get; private set; }
    public Guid? CaseId { get; private set; }

    public static InboundMail Record(string mailbox, long uidValidity, long uid, string messageId, string fromNormalized, string subject,
        DateTime nowUtc, InboundOutcome outcome, string? reason, Guid? caseId) => new()
    {
        Id = Guid.CreateVersion7(),
        Mailbox = mailbox,
        UidValidity = uidValidity,
        Uid = uid,
        MessageId = messageId,
        FromAddressNormalized = fromNormalized,
        Subject = subject.Length > 1000 ? subject[..1000] : subject,
        ReceivedAt = nowUtc,
        Outcome = outcome,
        Reason = reason,
        CaseId = caseId,
    };
}

/// <summary>How far the poller has read a mailbox: the highest UID imported under the folder's UIDVALIDITY.</summary>
public sealed class MailboxCursor
{
    private MailboxCursor() { }

    public string Mailbox { get; private set; } = "";
    public long UidValidity { get; private set; }
    public long LastUid { get; private set; }
    /// <summary>The next message, when polls failed on it: how many did (see <see cref="RecordFailure"/>).</summary>
    public long? FailingUid { get; private set; }
    public int FailedAttempts { get; private set; }

    public static MailboxCursor Start(string mailbox, long uidValidity) => new() { Mailbox = mailbox, UidValidity = uidValidity };

    public void Advance(long uidValidity, long uid)
    {
        if (uidValidity != UidValidity)
        {
            // The server renumbered the folder: start over; Message-IDs already recorded keep it idempotent.
            UidValidity = uidValidity;
            LastUid = 0;
        }
        if (uid > LastUid) LastUid = uid;
        if (FailingUid <= LastUid)
        {
            FailingUid = null;
            FailedAttempts = 0;
        }
    }

    /// <summary>Counts one more poll that failed on <paramref name="uid"/>; returns how many did in a row.</summary>
    public int RecordFailure(long uidValidity, long uid)
    {
        if (uidValidity != UidValidity)
        {
            UidValidity = uidValidity;
            LastUid = 0;
            FailingUid = null;
        }
        if (FailingUid != uid)
        {
            FailingUid = uid;
            FailedAttempts = 0;
        }
        return ++FailedAttempts;
    }

    public int FailuresOf(long uidValidity, long uid) => uidValidity == UidValidity && FailingUid == uid ? FailedAttempts : 0;
}
