using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Mail.Inbound;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Inbound;

/// <summary>
/// Reads new mail from the desk's IMAP mailbox (<see cref="MailboxSession"/>) and imports each message in one
/// transaction together with what it causes and the mailbox cursor (<see cref="MailImport"/>). Replies are matched
/// by In-Reply-To/References against the mails we sent, then by the case reference in the subject
/// (<see cref="ReplyMatch"/>); anything else opens a case of type other for triage (<see cref="InboundInquiry"/>).
/// Loop protection and a per-sender daily cap (<see cref="FloodCap"/>) keep machines and floods from opening cases
/// or getting answers; the order of these decisions is <see cref="InboundDecisions"/>.
/// </summary>
public static class PollMailbox
{
    public sealed record Command : ICommand<Response>, ISystemMessage;

    public sealed record Response(int Read, int Replies, int NewCases, int Ignored, int Duplicates)
    {
        /// <summary>More messages than one batch were waiting: poll again.</summary>
        public bool BatchWasFull { get; init; }

        /// <summary>Replies to mail the desk sent someone other than the inquirer, kept on their case for staff only.</summary>
        public int Internal { get; init; }

        public static readonly Response Off = new(0, 0, 0, 0, 0);
    }

    /// <inheritdoc cref="InboundDecisions.InternalMailEntry"/>
    public const string InternalMailEntry = InboundDecisions.InternalMailEntry;

    /// <inheritdoc cref="InboundInquiry.UnknownPrefecture"/>
    public const string UnknownPrefecture = InboundInquiry.UnknownPrefecture;

    /// <summary>What importing one message did.</summary>
    public enum Effect
    {
        Reply,
        NewCase,
        Ignored,
        Duplicate,
        Internal,
    }

    public sealed class Handler(MailImport import, IOptions<ConsultDeskOptions> options, ILogger<Handler> logger,
        ConsultDesk.Common.Metrics.DeskMetrics? metrics = null) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var imap = options.Value.Mail.Imap;
            if (!imap.Enabled) return Response.Off;
            Response response;
            try
            {
                response = await PollAsync(imap, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics?.MailboxPolled(ok: false);
                throw;
            }
            metrics?.MailboxPolled(ok: true);
            metrics?.MailboxMessages("reply", response.Replies);
            metrics?.MailboxMessages("new-case", response.NewCases);
            metrics?.MailboxMessages("internal", response.Internal);
            metrics?.MailboxMessages("ignored", response.Ignored);
            metrics?.MailboxMessages("duplicate", response.Duplicates);
            return response;
        }

        private async Task<Response> PollAsync(ImapOptions imap, CancellationToken cancellationToken)
        {
            using var session = await MailboxSession.OpenAsync(imap, logger, cancellationToken);
            var cursor = await import.CursorAsync(session.Mailbox, cancellationToken);
            var after = cursor is not null && cursor.UidValidity == session.UidValidity ? cursor.LastUid : 0;
            var batch = await session.NewMessagesAsync(after, imap.BatchSize, cancellationToken);
            var summaries = await session.SummariesAsync(batch, cancellationToken);

            int replyCount = 0, newCases = 0, ignored = 0, duplicates = 0, internalCount = 0;
            foreach (var uid in batch)
            {
                var slot = new MailImport.Slot(session.Mailbox, session.UidValidity, uid.Id);
                var imported = await import.ProcessAsync(slot, summaries.GetValueOrDefault(uid.Id), cursor,
                    (maxBytes, ct) => session.ReadAsync(uid, maxBytes, ct), cancellationToken);
                if (imported is not var (effect, seen)) continue;
                switch (effect)
                {
                    case Effect.Reply: replyCount++; break;
                    case Effect.NewCase: newCases++; break;
                    case Effect.Ignored: ignored++; break;
                    case Effect.Internal: internalCount++; break;
                    default: duplicates++; break;
                }
                if (seen) await session.MarkSeenAsync(uid, cancellationToken);
            }
            await session.CloseAsync(cancellationToken);
            if (batch.Count > 0)
                logger.LogInformation("Mailbox poll: {Read} read, {Replies} replies, {Internal} internal, {NewCases} new cases, {Ignored} ignored, {Duplicates} already imported",
                    batch.Count, replyCount, internalCount, newCases, ignored, duplicates);
            return new Response(batch.Count, replyCount, newCases, ignored, duplicates) { BatchWasFull = batch.Count == imap.BatchSize, Internal = internalCount };
        }
    }

    /// <inheritdoc cref="MailboxSession.Key"/>
    public static string MailboxKey(ImapOptions imap) => MailboxSession.Key(imap);

    /// <inheritdoc cref="InboundInquiry.From"/>
    public static Inquiry ToInquiry(InboundMessage mail, DateTime now) => InboundInquiry.From(mail, now);

    /// <inheritdoc cref="InboundInquiry.LooksEnglish"/>
    public static bool LooksEnglish(string text) => InboundInquiry.LooksEnglish(text);
}
