using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using MailKit.Net.Smtp;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConsultDesk.Mail;

/// <summary>
/// Sends due outbox mails: claims a batch with a lease, sends it over one transport session (kept for the next
/// batch while batches come full) and records the results every few sends. Safe to run concurrently and to repeat: a claimed row is invisible to other
/// runs until its lease lapses, and a sent row is never sent again.
/// </summary>
public static class DispatchOutbox
{
    public sealed record Command : ICommand<Response>, ISystemMessage;

    public sealed record Response(int Claimed, int Sent, int Retrying, int Failed)
    {
        public bool BatchWasFull { get; init; }
        /// <summary>When the earliest mail of this batch that failed transiently is due again.</summary>
        public DateTime? NextRetryAt { get; init; }
    }

    public sealed class Handler(
        ConsultDeskDbContext db,
        WriteGate writeGate,
        IMailTransport transport,
        OutboxSecrets secrets,
        TimeProvider clock,
        IOptions<ConsultDeskOptions> options,
        ILogger<Handler> logger,
        ConsultDesk.Files.AttachmentStore? store = null,
        ConsultDesk.Common.Metrics.DeskMetrics? metrics = null) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var outbox = options.Value.Mail.Outbox;
            var from = MailboxAddress.Parse(options.Value.Mail.From);
            // One connection serves consecutive full batches: connecting per batch would cost more than the sending.
            // A run stops after a while, so a long queue is shared with other job runs and leases never lapse mid-run.
            var stopAt = clock.GetUtcNow().UtcDateTime + outbox.LeaseDuration / 2;
            var total = new Tally();
            DateTime? nextRetryAt = null;
            var lastBatchWasFull = false;
            IMailSession? session = null;
            // The run's leases and marks repeat a send at worst if lost, so on SQLite they do not each wait for the disk.
            await using var repeatable = await RepeatableWrites.BeginAsync(db, cancellationToken);
            try
            {
                while (true)
                {
                    var batch = await ClaimAsync(outbox, cancellationToken);
                    if (batch.Count == 0) break;
                    var tally = new Tally();
                    var owner = batch[0].LeaseOwner;
                    try
                    {
                        session = await SendBatchAsync(batch, from, session, tally, cancellationToken);
                    }
                    finally
                    {
                        // Stopped (shutdown) or broken off: rows of the batch not yet tried go back at once, so
                        // another node sends them now instead of after the lease.
                        await ReleaseUntriedAsync(batch, owner, tally);
                    }
                    total.Add(tally, batch.Count);
                    if (tally.Retrying > 0)
                    {
                        var due = batch.Where(m => m.Status == OutboxStatus.Pending).Min(m => m.NextAttemptAt);
                        nextRetryAt = nextRetryAt is { } earlier && earlier < due ? earlier : due;
                    }
                    db.ChangeTracker.Clear();
                    lastBatchWasFull = batch.Count == outbox.BatchSize;
                    if (!lastBatchWasFull || tally.Retrying + tally.Failed > 0 || clock.GetUtcNow().UtcDateTime >= stopAt
                        || cancellationToken.IsCancellationRequested) break;
                }
            }
            finally
            {
                if (session is not null) await session.DisposeAsync();
            }

            if (total.Claimed > 0)
                logger.LogInformation("Outbox dispatch: {Claimed} claimed, {Sent} sent, {Retrying} retrying, {Failed} failed",
                    total.Claimed, total.Sent, total.Retrying, total.Failed);
            return new Response(total.Claimed, total.Sent, total.Retrying, total.Failed)
            {
                BatchWasFull = lastBatchWasFull,
                NextRetryAt = nextRetryAt,
            };
        }

        private sealed class Tally
        {
            public int Claimed, Sent, Retrying, Failed;
            /// <summary>Rows of the batch whose send was started (sent, failed, or cut off mid-send).</summary>
            public readonly HashSet<Guid> Tried = [];

            public void Add(Tally batch, int claimed)
            {
                Claimed += claimed;
                Sent += batch.Sent;
                Retrying += batch.Retrying;
                Failed += batch.Failed;
            }
        }

        /// <summary>Sends one claimed batch; returns the session to reuse (null after a failure broke it).</summary>
        private async Task<IMailSession?> SendBatchAsync(List<OutboxMail> batch, MailboxAddress from, IMailSession? session, Tally tally, CancellationToken cancellationToken)
        {
            var references = await db.Cases.AsNoTracking()
                .Where(c => batch.Select(m => m.CaseId).Contains(c.Id))
                .Select(c => new { c.Id, c.Reference })
                .ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);
            var attachments = await AttachmentsAsync(batch, cancellationToken);
            var outbox = options.Value.Mail.Outbox;
            var unsaved = 0;
            Task? saving = null;
            try
            {
                foreach (var mail in batch)
                {
                    // A stopping node sends nothing more: the rest of the batch is released (see ReleaseUntriedAsync).
                    if (cancellationToken.IsCancellationRequested) break;
                    tally.Tried.Add(mail.Id);
                    try
                    {
                        session ??= await transport.OpenAsync(cancellationToken);
                        var reference = mail.CaseId is { } caseId ? references.GetValueOrDefault(caseId) : null;
                        // The secret exists in clear only in this message, in memory, for the time of the send.
                        var secret = secrets.Unseal(mail.ProtectedSecret);
                        if (mail.ProtectedSecret is not null && secret is null)
                            logger.LogWarning("Outbox mail {OutboxMailId} ({Kind}): its secret cannot be unprotected (keys changed?); sent with a dead link", mail.Id, mail.Kind);
                        try
                        {
                            await session.SendAsync(OutboxMessage.Build(mail, from, reference, attachments.GetValueOrDefault(mail.Id, NoAttachments), secret, OpenAttachment),
                                cancellationToken);
                        }
                        finally
                        {
                            CloseStoredFiles();
                        }
                        await FinishSavingAsync();
                        var now = clock.GetUtcNow().UtcDateTime;
                        mail.MarkSent(now);
                        if (mail.CaseId is { } id) CaseTimeline.Record(db, TimelineEntry.MailSent(id, mail.Id, mail.Kind, now));
                        tally.Sent++;
                        metrics?.MailSent(mail.Kind);
                    }
                    catch (Exception ex) when (IsDeliveryFailure(ex))
                    {
                        var permanent = ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
                        await FinishSavingAsync();
                        var now = clock.GetUtcNow().UtcDateTime;
                        mail.MarkAttemptFailed(Describe(ex), permanent, outbox.MaxAttempts, outbox.RetryBaseDelay, now);
                        if (mail.Status == OutboxStatus.Failed)
                        {
                            tally.Failed++;
                            metrics?.MailFailed(mail.Kind);
                            if (mail.CaseId is { } id) CaseTimeline.Record(db, TimelineEntry.MailFailed(id, mail.Id, mail.Kind, now));
                            logger.LogError("Outbox mail {OutboxMailId} ({Kind}) failed permanently after {Attempts} attempts: {Error}",
                                mail.Id, mail.Kind, mail.Attempts, mail.LastError);
                        }
                        else
                        {
                            tally.Retrying++;
                            metrics?.MailRetrying(mail.Kind);
                            logger.LogWarning("Outbox mail {OutboxMailId} ({Kind}) attempt {Attempts} failed, next at {NextAttemptAt:o}: {Error}",
                                mail.Id, mail.Kind, mail.Attempts, mail.NextAttemptAt, mail.LastError);
                        }
                        // A broken connection is not reused for the rest of the batch.
                        if (session is not null) await session.DisposeAsync();
                        session = null;
                    }
                    // Results are saved every few sends (and at once after a failure): one durable write per message
                    // would cap delivery at the disk's fsync rate. A crash resends at most those few, each under the
                    // same Message-ID, so the recipient still sees one mail. The write runs while the next message
                    // goes out (nothing touches the context until it is awaited), so disk and SMTP latency overlap.
                    if (mail.Status != OutboxStatus.Sent)
                    {
                        await writeGate.SaveChangesAsync(db, CancellationToken.None);
                        unsaved = 0;
                    }
                    else if (++unsaved >= SaveEvery)
                    {
                        saving = writeGate.SaveChangesAsync(db, CancellationToken.None);
                        unsaved = 0;
                    }
                }
            }
            finally
            {
                await FinishSavingAsync();
                if (unsaved > 0) await writeGate.SaveChangesAsync(db, CancellationToken.None);
            }
            return session;

            async Task FinishSavingAsync()
            {
                if (saving is null) return;
                var pending = saving;
                saving = null;
                await pending;
            }
        }

        private static readonly IReadOnlyList<OutboxAttachment> NoAttachments = [];

        /// <summary>The stored files of case attachments, by attachment id, for the batch being sent.</summary>
        private Dictionary<Guid, string> storedFiles = [];

        /// <summary>
        /// An attachment's bytes: its own, or the stored file it names. A file missing from the store fails the send
        /// like a broken connection would (retried, then failed and shown on the timeline), never a mail without it.
        /// </summary>
        private Stream OpenAttachment(OutboxAttachment attachment)
        {
            if (attachment.AttachmentId is not { } id) return new MemoryStream(attachment.Content, writable: false);
            var file = (storedFiles.TryGetValue(id, out var sha256) ? store?.Open(sha256) : null)
                ?? throw new FileNotFoundException("A stored attachment of an outbox mail is missing.");
            openFiles.Add(file);
            return file;
        }

        /// <summary>Stored files opened for the message just sent (the transport may keep the message, so it is not disposed).</summary>
        private readonly List<Stream> openFiles = [];

        private void CloseStoredFiles()
        {
            foreach (var file in openFiles) file.Dispose();
            openFiles.Clear();
        }

        /// <summary>
        /// The attachments of a batch's mails that have any, in one untracked query (their bytes are only sent, never
        /// saved back); a batch without attachments costs no query.
        /// </summary>
        private async Task<Dictionary<Guid, IReadOnlyList<OutboxAttachment>>> AttachmentsAsync(List<OutboxMail> batch, CancellationToken cancellationToken)
        {
            var ids = batch.Where(m => m.HasAttachments).Select(m => m.Id).ToList();
            if (ids.Count == 0) return [];
            var rows = await db.OutboxAttachments.AsNoTracking()
                .Where(a => ids.Contains(a.OutboxMailId))
                .OrderBy(a => a.OutboxMailId).ThenBy(a => a.Position)
                .ToListAsync(cancellationToken);
            var stored = rows.Where(a => a.AttachmentId is not null).Select(a => a.AttachmentId!.Value).ToList();
            storedFiles = stored.Count == 0
                ? []
                : await db.Attachments.AsNoTracking().Where(a => stored.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Sha256, cancellationToken);
            return rows.GroupBy(a => a.OutboxMailId).ToDictionary(g => g.Key, g => (IReadOnlyList<OutboxAttachment>)g.ToList());
        }

        /// <summary>How many sent mails are recorded in one write.</summary>
        private const int SaveEvery = 10;

        private async Task<List<OutboxMail>> ClaimAsync(OutboxOptions outbox, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var owner = Guid.CreateVersion7();
            var leasedUntil = now + outbox.LeaseDuration;

            var candidates = await db.Outbox.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeasedUntil == null || m.LeasedUntil < now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(outbox.BatchSize)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0) return [];

            // The update re-checks claimability row by row, so two runs that saw the same candidates never both win a row.
            using (await writeGate.EnterAsync(cancellationToken))
                await db.Outbox
                .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.LeasedUntil == null || m.LeasedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeasedUntil, leasedUntil).SetProperty(m => m.LeaseOwner, owner), cancellationToken);

            return await db.Outbox
                .Where(m => candidates.Contains(m.Id) && m.LeaseOwner == owner)
                .OrderBy(m => m.NextAttemptAt)
                .ToListAsync(cancellationToken);
        }

        /// <summary>
        /// Clears the lease of the batch's rows this run never started to send. A row cut off mid-send keeps its lease:
        /// the server may have taken it, and waiting out the lease is what keeps a resend rare.
        /// </summary>
        private async Task ReleaseUntriedAsync(List<OutboxMail> batch, Guid? owner, Tally tally)
        {
            var untried = batch.Where(m => !tally.Tried.Contains(m.Id)).Select(m => m.Id).ToList();
            if (untried.Count == 0) return;
            using (await writeGate.EnterAsync(CancellationToken.None))
                await db.Outbox
                    .Where(m => untried.Contains(m.Id) && m.LeaseOwner == owner && m.Status == OutboxStatus.Pending)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LeaseOwner, (Guid?)null), CancellationToken.None);
            logger.LogInformation("Outbox dispatch stopped: {Count} leased mail(s) released for another run", untried.Count);
        }

        private static bool IsDeliveryFailure(Exception ex) =>
            ex is SmtpCommandException or SmtpProtocolException or MailKit.ProtocolException or MailKit.ServiceNotConnectedException
                or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException
                or IOException or System.Net.Sockets.SocketException or TimeoutException or UnauthorizedAccessException;

        private static string Describe(Exception ex) => ex switch
        {
            SmtpCommandException smtp => $"{nameof(SmtpCommandException)} {(int)smtp.StatusCode} {smtp.ErrorCode}",
            System.Net.Sockets.SocketException socket => $"{nameof(System.Net.Sockets.SocketException)} {socket.SocketErrorCode}",
            _ => ex.GetType().Name,
        };
    }
}
