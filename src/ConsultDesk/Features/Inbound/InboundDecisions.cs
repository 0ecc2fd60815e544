using System.Text.RegularExpressions;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Inbound;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using ConsultDesk.Mail.Inbound;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConsultDesk.Features.Inbound;

/// <summary>
/// What one readable mail causes, decided in order: loop protection, an opt-out, the per-sender flood cap, a mail
/// for staff only (<see cref="ReplyMatch"/>'s internal rule), a message on the inquirer's case, or a new case of type
/// other with its acknowledgement. Writes go to the context only; <see cref="MailImport"/> commits them with the
/// inbound row and the cursor.
/// </summary>
public sealed partial class InboundDecisions(
    ConsultDeskDbContext db,
    ReferenceNumbers references,
    ServiceLevel serviceLevel,
    AcknowledgementMail acknowledgement,
    InquirerReplies replies,
    FollowUpPlanner followUps,
    AttachmentIntake attachments,
    IOptions<ConsultDeskOptions> options)
{
    /// <summary>The timeline entry of a mail that answers the desk's mail to someone other than the inquirer.</summary>
    public const string InternalMailEntry = "internal-mail";

    public async Task<MailImport.Applied> ApplyAsync(MailImport.Slot slot, MimeMessage message, InboundMessage mail, DateTime now,
        CancellationToken cancellationToken)
    {
        var desk = MailboxAddress.Parse(options.Value.Mail.From).Address;
        var guard = LoopGuard.ReasonToIgnore(message, mail, desk, InquirerMail.MessageIdDomain(options.Value.Mail));
        var (target, mismatch, isInternal) = await ReplyMatch.FindAsync(db, mail, cancellationToken);
        if (guard is not null) return Record(slot, mail, now, InboundOutcome.Ignored, guard, target?.Id);

        if (OptOutByMail.RequestedReference(mail.Subject) is { } reference)
        {
            var (reason, caseId) = await OptOutByMail.ApplyAsync(db, mail, reference, now, cancellationToken);
            return Record(slot, mail, now, InboundOutcome.Ignored, reason, caseId);
        }

        if (await FloodCap.IsReachedAsync(db, mail.FromAddressKey, now, options.Value.Mail.Imap.MaxPerSenderPerDay, cancellationToken))
            return Record(slot, mail, now, InboundOutcome.Ignored, "flood", target?.Id);

        // The mail's files that pass the type and size rules are kept with the entry it makes; the others are named on it.
        using var files = await attachments.PrepareFromMailAsync(MailAttachments(message), cancellationToken);
        var refused = files.Refused.Count == 0 ? null : files.Refused.Select(r => new RefusedAttachment(r.FileName, r.Reason)).ToList();

        if (target is not null && isInternal)
        {
            // Kept for staff, labelled with its sender; no message from the inquirer, so nothing wakes or is cancelled.
            var entry = Record(slot, mail, now, InboundOutcome.Internal, null, target.Id);
            var (text, quotedText) = mail.NewText.Length > 0 ? (mail.NewText, mail.QuotedText) : (mail.Text, null);
            var timelineEntry = TimelineEntry.Create(target.Id, InternalMailEntry, now, new
            {
                from = mail.FromAddress, fromName = mail.FromName, subject = mail.Subject, body = text, quotedText, inboundMailId = entry.InboundMailId,
                refusedAttachments = refused,
            });
            CaseTimeline.Record(db, timelineEntry);
            files.Store(db, target.Id, timelineEntry.Id, now);
            return entry;
        }

        if (target is not null)
        {
            var reply = Record(slot, mail, now, InboundOutcome.Reply, null, target.Id);
            var (body, quoted) = mail.NewText.Length > 0 ? (mail.NewText, mail.QuotedText) : (mail.Text, null);
            var received = new InquirerMessage("mail", mail.Subject, body, quoted, reply.InboundMailId, mail.FromAddress) { RefusedAttachments = refused };
            var entry = await replies.ReceiveAsync(target, received, now, cancellationToken);
            files.Store(db, target.Id, entry.Id, now);
            return reply;
        }

        if (!EmailAddress.IsValid(mail.FromAddress))
            return Record(slot, mail, now, InboundOutcome.Ignored, "invalid-sender", null);

        var @case = Case.Submit(await references.NextAsync(now, cancellationToken), InboundInquiry.From(mail, now), IntakeSource.Email, now, serviceLevel);
        db.Cases.Add(@case);
        // The inquiry's files belong to its "submitted" entry (a refused one is not named: the entry is the intake record).
        files.Store(db, @case.Id, @case.Timeline[0].Id, now);
        db.CaseSearch.Add(CaseSearchDocument.For(@case));
        // Threaded to the inquirer's own mail, so their client shows our answer under what they wrote.
        db.Outbox.Add(acknowledgement.Create(@case, now, ThreadableMessageId().IsMatch(mail.Key) ? mail.Key : null));
        await followUps.ReconcileAsync(@case, now, cancellationToken);
        // A subject naming a case whose inquirer has another address opens a case of its own: references are
        // guessable, so only the inquirer (or whoever holds one of our Message-IDs) can add to a case.
        return Record(slot, mail, now, InboundOutcome.NewCase, mismatch ? "reference-sender-mismatch" : null, @case.Id);
    }

    /// <summary>The parts a mail client shows as attachments, each read (decoded) from the parsed message when its turn comes.</summary>
    private static List<IncomingFile> MailAttachments(MimeMessage message) =>
        message.Attachments.OfType<MimePart>()
            .Where(part => part.Content is not null)
            .Select(part => new IncomingFile(part.FileName ?? part.ContentType.Name, () => part.Content!.Open()))
            .ToList();

    private MailImport.Applied Record(MailImport.Slot slot, InboundMessage mail, DateTime now, InboundOutcome outcome, string? reason, Guid? caseId) =>
        MailImport.Record(db, slot, mail.Key, mail, now, outcome, reason, caseId);

    /// <summary>A Message-ID safe to put back into a header: printable ASCII, one @, no brackets or spaces.</summary>
    [GeneratedRegex(@"^[!#-;=?A-Z\[\]^-~]{1,200}@[!#-;=?A-Z\[\]^-~]{1,200}$")]
    private static partial Regex ThreadableMessageId();
}
