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
/// Sends due outbox mails: claims a batch with a lease, sends it over one transport session and records each
/// result as soon as it is known. Safe to run concurrently and to repeat: a claimed row is invisible to other
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
        TimeProvider clock,
        IOptions<ConsultDeskOptions> options,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var outbox = options.Value.Mail.Outbox;
            var batch = await ClaimAsync(outbox, cancellationToken);
            if (batch.Count == 0) return new Response(0, 0, 0, 0);

            var from = MailboxAddress.Parse(options.Value.Mail.From);
            var references = await db.Cases.AsNoTracking()
                .Where(c => batch.Select(m => m.CaseId).Contains(c.Id))
                .Select(c => new { c.Id, c.Reference })
                .ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);

            int sent = 0, retrying = 0, failed = 0, unsaved = 0;
            IMailSession? session = null;
            try
            {
                foreach (var mail in batch)
                {
                    try
                    {
                        session ??= await transport.OpenAsync(cancellationToken);
                        var reference = mail.CaseId is { } caseId ? references.GetValueOrDefault(caseId) : null;
                        await session.SendAsync(OutboxMessage.Build(mail, from, reference), cancellationToken);
                        var now = clock.GetUtcNow().UtcDateTime;
                        mail.MarkSent(now);
                        if (mail.CaseId is { } id) db.Timeline.Add(TimelineEntry.MailSent(id, mail.Id, mail.Kind, now));
                        sent++;
                    }
                    catch (Exception ex) when (IsDeliveryFailure(ex))
                    {
                        var permanent = ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
                        var now = clock.GetUtcNow().UtcDateTime;
                        mail.MarkAttemptFailed(Describe(ex), permanent, outbox.MaxAttempts, outbox.RetryBaseDelay, now);
                        if (mail.Status == OutboxStatus.Failed)
                        {
                            failed++;
                            if (mail.CaseId is { } id) db.Timeline.Add(TimelineEntry.MailFailed(id, mail.Id, mail.Kind, now));
                            logger.LogError("Outbox mail {OutboxMailId} ({Kind}) failed permanently after {Attempts} attempts: {Error}",
                                mail.Id, mail.Kind, mail.Attempts, mail.LastError);
                        }
                        else
                        {
                            retrying++;
                            logger.LogWarning("Outbox mail {OutboxMailId} ({Kind}) attempt {Attempts} failed, next at {NextAttemptAt:o}: {Error}",
                                mail.Id, mail.Kind, mail.Attempts, mail.NextAttemptAt, mail.LastError);
                        }
                        // A broken connection is not reused for the rest of the batch.
                        if (session is not null) await session.DisposeAsync();
                        session = null;
                    }
                    // Results are saved every few sends (and at once after a failure): one durable write per message
                    // would cap delivery at the disk's fsync rate. A crash resends at most those few, each under the
                    // same Message-ID, so the recipient still sees one mail.
                    if (++unsaved >= SaveEvery || mail.Status != OutboxStatus.Sent)
                    {
                        await writeGate.SaveChangesAsync(db, CancellationToken.None);
                        unsaved = 0;
                    }
                }
            }
            finally
            {
                if (session is not null) await session.DisposeAsync();
                if (unsaved > 0) await writeGate.SaveChangesAsync(db, CancellationToken.None);
            }

            logger.LogInformation("Outbox dispatch: {Claimed} claimed, {Sent} sent, {Retrying} retrying, {Failed} failed",
                batch.Count, sent, retrying, failed);
            return new Response(batch.Count, sent, retrying, failed)
            {
                BatchWasFull = batch.Count == outbox.BatchSize,
                NextRetryAt = retrying == 0 ? null : batch.Where(m => m.Status == OutboxStatus.Pending).Min(m => m.NextAttemptAt),
            };
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
