using System.Security.Cryptography;
using System.Text;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Inbound;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using ConsultDesk.Mail.Inbound;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Effect = ConsultDesk.Features.Inbound.PollMailbox.Effect;

namespace ConsultDesk.Features.Inbound;

/// <summary>
/// Imports one message in one transaction together with what it causes (<see cref="InboundDecisions"/>) and the
/// mailbox cursor, keyed by its Message-ID: a crash before the commit imports it on the next poll, a crash after it
/// imports nothing twice. Conflicts are retried at once; a transient failure fails the poll and is counted on the
/// cursor, and a message that fails <see cref="ImapOptions.MaxImportAttempts"/> polls is recorded and skipped.
/// </summary>
public sealed class MailImport(
    ConsultDeskDbContext db,
    WriteGate gate,
    InboundDecisions decisions,
    TimeProvider clock,
    IOptions<ConsultDeskOptions> options,
    ILogger<MailImport> logger)
{
    private const int ConflictAttempts = 3;

    /// <summary>Where a message sits: the cursor's key, the folder's UIDVALIDITY and its UID.</summary>
    public readonly record struct Slot(string Mailbox, long UidValidity, long Uid);

    /// <summary>What importing one message wrote.</summary>
    public sealed record Applied(Effect Effect, Guid? InboundMailId, string? Reason, Guid? CaseId);

    /// <summary>The mailbox's cursor as stored, not tracked.</summary>
    public Task<MailboxCursor?> CursorAsync(string mailbox, CancellationToken cancellationToken) =>
        db.MailboxCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Mailbox == mailbox, cancellationToken);

    /// <summary>
    /// Imports the message at <paramref name="slot"/>: its effect, and whether to mark it seen (a mail too large stays
    /// unread in the mailbox, so a person sees it there); null when it was removed before it could be read.
    /// <paramref name="cursor"/> is the cursor read at the start of this poll (failures are only counted here, each
    /// ending the poll or giving up, so it is current).
    /// </summary>
    public async Task<(Effect Effect, bool Seen)?> ProcessAsync(Slot slot, IMessageSummary? summary, MailboxCursor? cursor,
        Func<long, CancellationToken, Task<byte[]?>> read, CancellationToken cancellationToken)
    {
        var imap = options.Value.Mail.Imap;
        if ((cursor?.FailuresOf(slot.UidValidity, slot.Uid) ?? 0) >= imap.MaxImportAttempts)
            return (await GiveUpAsync(slot, summary, cancellationToken), true);
        if (summary?.Size > imap.MaxMessageBytes)
            return (await TooLargeAsync(slot, summary, cancellationToken), false);
        try
        {
            var raw = await read(imap.MaxMessageBytes, cancellationToken);
            if (raw is null) return null;
            if (raw.Length > imap.MaxMessageBytes)
                return (await TooLargeAsync(slot, summary, cancellationToken), false);
            return (await ImportAsync(slot, raw, cancellationToken), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure that looked transient (so ImportAsync let it through). Counted in the database: a
            // database that is really away cannot count it, and the next poll tries again; a message that
            // fails every time is given up after MaxImportAttempts polls instead of blocking the mailbox.
            var failures = await RecordFailureAsync(slot, cancellationToken);
            logger.LogWarning("Inbound mail uid {Uid} failed ({Error}), attempt {Attempt} of {MaxAttempts}",
                slot.Uid, ex.GetType().Name, failures, imap.MaxImportAttempts);
            if (failures < imap.MaxImportAttempts) throw;
            return (await GiveUpAsync(slot, summary, cancellationToken), true);
        }
    }

    private async Task<int> RecordFailureAsync(Slot slot, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        using (await gate.EnterAsync(cancellationToken))
        {
            var cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == slot.Mailbox, cancellationToken);
            if (cursor is null) db.MailboxCursors.Add(cursor = MailboxCursor.Start(slot.Mailbox, slot.UidValidity));
            var failures = cursor.RecordFailure(slot.UidValidity, slot.Uid);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return failures;
        }
    }

    /// <summary>A message that failed <see cref="ImapOptions.MaxImportAttempts"/> polls: recorded as <c>import-failed</c>, and the cursor moves past it.</summary>
    private Task<Effect> GiveUpAsync(Slot slot, IMessageSummary? summary, CancellationToken cancellationToken)
    {
        logger.LogError("Inbound mail uid {Uid} failed {MaxAttempts} polls; recorded as import-failed and skipped", slot.Uid, options.Value.Mail.Imap.MaxImportAttempts);
        return CommitAsync(slot, KeyOf(slot, summary), null, Envelope(summary), "import-failed", cancellationToken);
    }

    /// <summary>A message larger than <see cref="ImapOptions.MaxMessageBytes"/>: recorded as <c>too-large</c> from its envelope, never downloaded whole.</summary>
    private Task<Effect> TooLargeAsync(Slot slot, IMessageSummary? summary, CancellationToken cancellationToken)
    {
        logger.LogWarning("Inbound mail uid {Uid} is larger than {MaxBytes} bytes ({Size}); recorded as too-large and skipped",
            slot.Uid, options.Value.Mail.Imap.MaxMessageBytes, summary?.Size);
        return CommitAsync(slot, KeyOf(slot, summary), null, Envelope(summary), "too-large", cancellationToken);
    }

    /// <summary>The Message-ID from the envelope (as an import would key it), or a digest naming the message in its folder.</summary>
    private static string KeyOf(Slot slot, IMessageSummary? summary)
    {
        var id = summary?.Envelope?.MessageId?.Trim().Trim('<', '>').Trim();
        if (!string.IsNullOrEmpty(id) && id.Length <= InboundMessage.MaxKeyLength && !id.Any(char.IsControl)) return id;
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{slot.Mailbox}\n{slot.UidValidity}\n{slot.Uid}")));
    }

    /// <summary>Who sent it and its subject, as far as the envelope tells, for the record of a message not read.</summary>
    private static InboundMessage? Envelope(IMessageSummary? summary)
    {
        if (summary?.Envelope is not { } envelope) return null;
        static string Clean(string? value) => string.Concat((value ?? "").Select(c => char.IsControl(c) ? ' ' : c)).Trim();
        return new InboundMessage
        {
            Key = "", FromAddress = Clean(envelope.From.Mailboxes.FirstOrDefault()?.Address), Subject = Clean(envelope.Subject),
            Text = "", NewText = "",
        };
    }

    /// <summary>Imports one message: everything it causes is committed with its inbound row and the cursor, or nothing is.</summary>
    private async Task<Effect> ImportAsync(Slot slot, byte[] raw, CancellationToken cancellationToken)
    {
        MimeMessage? message = null;
        InboundMessage? mail = null;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(ParserOptions.Default, stream, cancellationToken);
            mail = InboundMessage.Read(message, raw);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A message nobody can read must not block the mailbox: it is recorded as ignored and the cursor moves on.
            logger.LogWarning("Inbound mail uid {Uid} could not be read: {Error}", slot.Uid, ex.GetType().Name);
        }
        var key = mail?.Key ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));

        try
        {
            return await CommitAsync(slot, key, message, mail, message is null ? "unreadable" : null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && message is not null && !IsTransient(ex))
        {
            // A message whose effect cannot be written (a bug, a value the database refuses) must not block the
            // mailbox for good: it is recorded as ignored, the cursor moves on, and an operator finds it by its
            // reason. A transient failure (the database is away) fails the poll instead; the next one retries.
            logger.LogError("Inbound mail uid {Uid} could not be imported ({Error}); recorded as ignored", slot.Uid, ex.GetType().Name);
            return await CommitAsync(slot, key, null, null, "import-failed", cancellationToken);
        }
    }

    /// <summary>One transaction: the cursor, the inbound row and its effect (none when <paramref name="ignoredReason"/> is given).</summary>
    private async Task<Effect> CommitAsync(Slot slot, string key, MimeMessage? message, InboundMessage? mail, string? ignoredReason,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                Applied applied;
                using (await gate.EnterAsync(cancellationToken))
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == slot.Mailbox, cancellationToken);
                    if (cursor is null) db.MailboxCursors.Add(cursor = MailboxCursor.Start(slot.Mailbox, slot.UidValidity));
                    cursor.Advance(slot.UidValidity, slot.Uid);

                    var seen = await db.InboundMails.AnyAsync(m => m.MessageId == key
                        || (m.Mailbox == slot.Mailbox && m.UidValidity == slot.UidValidity && m.Uid == slot.Uid), cancellationToken);
                    applied = seen
                        ? new Applied(Effect.Duplicate, null, null, null)
                        : ignoredReason is not null || message is null || mail is null
                            ? Record(db, slot, key, mail, now, InboundOutcome.Ignored, ignoredReason ?? "unreadable", null)
                            : await decisions.ApplyAsync(slot, message, mail, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                if (applied.Effect != Effect.Duplicate)
                    logger.LogInformation("Inbound mail {InboundMailId} (uid {Uid}): {Outcome} {Reason} case {CaseId}",
                        applied.InboundMailId, slot.Uid, applied.Effect, applied.Reason, applied.CaseId);
                return applied.Effect;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictAttempts)
            {
                // Someone changed the case meanwhile: read it again and redo this message.
            }
            catch (DbUpdateException) when (attempt < ConflictAttempts)
            {
                // A concurrent poll imported the same message first (unique Message-ID / UID): the next attempt
                // sees its row and finds nothing to do; anything else fails again and surfaces.
            }
        }
    }

    private static bool IsTransient(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
            if (e is System.Data.Common.DbException { IsTransient: true } or DbUpdateConcurrencyException or TimeoutException or IOException
                or System.Net.Sockets.SocketException)
                return true;
        return false;
    }

    /// <summary>Adds the message's inbound row (not saved) and says what it did.</summary>
    internal static Applied Record(ConsultDeskDbContext db, Slot slot, string key, InboundMessage? mail, DateTime now,
        InboundOutcome outcome, string? reason, Guid? caseId)
    {
        var row = InboundMail.Record(slot.Mailbox, slot.UidValidity, slot.Uid, key, InboundInquiry.Cut(mail?.FromAddressKey ?? "", 254),
            mail?.Subject ?? "", now, outcome, reason, caseId);
        db.InboundMails.Add(row);
        var effect = outcome switch
        {
            InboundOutcome.Reply => Effect.Reply,
            InboundOutcome.NewCase => Effect.NewCase,
            InboundOutcome.Internal => Effect.Internal,
            _ => Effect.Ignored,
        };
        return new Applied(effect, row.Id, reason, caseId);
    }
}
