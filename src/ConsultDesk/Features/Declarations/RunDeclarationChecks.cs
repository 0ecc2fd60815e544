using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The Action宣言 yearly check, one batch of each sweep: (a) a listed declaration whose check is due and not yet asked
/// gets the <see cref="CheckKind"/> mail, written in the same transaction as <see cref="Declaration.CheckRequested"/>;
/// (b) a check unanswered for <see cref="Declaration.CheckAnswerWindow"/> flags the declaration 要確認 (it stays
/// public). Each declaration is saved under its row version, so when two processes sweep at the same moment the second
/// save of the same declaration fails and writes nothing: one mail per check, one flag per check.
/// </summary>
public static class RunDeclarationChecks
{
    public const string CheckKind = "declaration-yearly-check";

    public sealed record Command : ICommand<Response>, ISystemMessage;

    public sealed record Response(int Requested, int Flagged, int Conflicts)
    {
        /// <summary>A sweep filled its batch: there may be more to do now.</summary>
        public bool BatchWasFull { get; init; }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationMail mail, IOptions<ConsultDeskOptions> options, TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var batchSize = Math.Max(1, options.Value.DeclarationCheck.BatchSize);
            int requested = 0, flagged = 0, conflicts = 0;

            // (a) Due checks, oldest first, on the NextCheckDueAt index.
            var due = await db.Declarations.AsNoTracking()
                .Where(d => d.NextCheckDueAt <= now && d.CheckRequestedAt == null && d.Listed)
                .OrderBy(d => d.NextCheckDueAt)
                .Select(d => d.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                db.ChangeTracker.Clear();
                var declaration = await db.Declarations
                    .SingleOrDefaultAsync(d => d.Id == id && d.NextCheckDueAt <= now && d.CheckRequestedAt == null && d.Listed, cancellationToken);
                if (declaration is null) continue;
                var english = declaration.Language == InquiryLanguage.En;
                var acceptedAt = declaration.AcceptedAt;
                db.DeclarationEvents.Add(declaration.CheckRequested(now));
                db.Outbox.Add(mail.Create(declaration, CheckKind, now, new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["answer_by"] = InquirerMail.JapanTime(now + Declaration.CheckAnswerWindow, english),
                    ["accepted_on"] = acceptedAt is { } at ? Date(at, english) : "",
                }));
                if (await TrySaveAsync(cancellationToken)) requested++;
                else conflicts++;
            }

            // (b) Checks unanswered for the answer window: 要確認, on the CheckRequestedAt index. Never unpublished here.
            var answerDeadline = now - Declaration.CheckAnswerWindow;
            var unanswered = await db.Declarations.AsNoTracking()
                .Where(d => d.CheckRequestedAt <= answerDeadline && d.NeedsAttentionSince == null && d.Listed)
                .OrderBy(d => d.CheckRequestedAt)
                .Select(d => d.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var id in unanswered)
            {
                db.ChangeTracker.Clear();
                var declaration = await db.Declarations
                    .SingleOrDefaultAsync(d => d.Id == id && d.CheckRequestedAt <= answerDeadline && d.NeedsAttentionSince == null && d.Listed, cancellationToken);
                if (declaration is null) continue;
                db.DeclarationEvents.Add(declaration.FlagNeedsAttention(now));
                if (await TrySaveAsync(cancellationToken)) flagged++;
                else conflicts++;
            }
            db.ChangeTracker.Clear();
            if (requested + flagged + conflicts > 0)
                logger.LogInformation("Declaration yearly check: {Requested} check mails queued, {Flagged} flagged, {Conflicts} left to another run",
                    requested, flagged, conflicts);
            return new Response(requested, flagged, conflicts) { BatchWasFull = due.Count == batchSize || unanswered.Count == batchSize };
        }

        /// <summary>Saves one declaration's change with its event (and mail); false when another writer changed it first.</summary>
        private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
        {
            try
            {
                await gate.SaveChangesAsync(db, cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another sweep (or a desk action) changed the declaration since it was read: nothing of this one was
                // written; the declaration as it is now is looked at again by the next sweep.
                return false;
            }
        }

        private static string Date(DateTime utc, bool english)
        {
            var local = Domain.Calendar.JapanTime.FromUtc(utc);
            return english ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : local.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        }
    }
}
