using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Award;

/// <summary>
/// At publication, mails every submitted entry's declarant its outcome once (template <see cref="Kind"/>): won (the
/// category and the link to /award/{year}) or not selected, with thanks. Per round, in one transaction: the mails
/// go to the outbox, a results-mailed event on each entry, and the round is marked
/// (<see cref="AwardRound.MarkResultsMailed"/>). The round's <see cref="AwardRound.Version"/> is a concurrency token,
/// so of two sweeps at once only one commits; the other skips the round.
/// </summary>
public static class SendAwardResultMails
{
    public const string Kind = "award-result";

    public sealed record Command : ICommand<Response>, ISystemMessage;

    public sealed record Response(int RoundsPublished, int Mailed);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationMail mail, DeclarationLinks links, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.AwardRounds.AsNoTracking()
                .Where(r => r.PublishAt <= now && r.ResultsMailedAt == null)
                .OrderBy(r => r.PublishAt).Select(r => r.Id).ToListAsync(cancellationToken);
            int rounds = 0, mailed = 0;
            foreach (var roundId in due)
            {
                try
                {
                    using (await gate.EnterAsync(cancellationToken))
                    {
                        var sent = await MailRoundAsync(roundId, now, cancellationToken);
                        if (sent is { } count)
                        {
                            rounds++;
                            mailed += count;
                        }
                    }
                }
                catch (DbUpdateConcurrencyException)
                {
                    logger.LogInformation("Award round {RoundId}: outcome mails already sent by another sweep", roundId);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
            return new Response(rounds, mailed);
        }

        /// <summary>The number of mails queued, or null when the round was already done.</summary>
        private async Task<int?> MailRoundAsync(Guid roundId, DateTime now, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var round = await db.AwardRounds.Include(r => r.Categories).SingleAsync(r => r.Id == roundId, cancellationToken);
            if (round.ResultsMailedAt is not null || !round.IsPublished(now)) return null;

            var entries = await db.AwardEntries.AsNoTracking()
                .Where(e => e.RoundId == round.Id && e.Status == AwardEntryStatus.Submitted)
                .OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.DeclarationId, e.Title, e.CategoryId })
                .ToListAsync(cancellationToken);
            var decisions = await db.AwardDecisions.AsNoTracking().Where(d => d.RoundId == round.Id && d.ReopenedAt == null).ToListAsync(cancellationToken);
            var wonIn = decisions.SelectMany(d => d.ReadWinners().Select(w => (EntryId: w, d.CategoryId)))
                .GroupBy(w => w.EntryId).ToDictionary(g => g.Key, g => g.First().CategoryId);
            var declarationIds = entries.Select(e => e.DeclarationId).Distinct().ToList();
            var declarations = await db.Declarations.Where(d => declarationIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);

            foreach (var entry in entries)
            {
                if (!declarations.TryGetValue(entry.DeclarationId, out var declaration)) continue;
                var english = declaration.Language == InquiryLanguage.En;
                var won = wonIn.TryGetValue(entry.Id, out var categoryId);
                var category = round.Categories.FirstOrDefault(c => c.Id == (won ? categoryId : entry.CategoryId));
                db.Outbox.Add(mail.Create(declaration, Kind, now, new Dictionary<string, object?>
                {
                    ["award_title"] = round.Title,
                    ["entry_title"] = entry.Title,
                    ["won"] = won,
                    ["category_name"] = category?.Name(english) ?? "",
                    ["results_url"] = ResultsUrl(links, round.Year, english),
                }));
                db.AwardEvents.Add(AwardEvent.Create(round.Id, entry.Id, won ? categoryId : null, "results-mailed", now, null, new { won }));
            }
            round.MarkResultsMailed(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Award round {RoundId}: {Count} outcome mails queued", round.Id, entries.Count);
            return entries.Count;
        }
    }

    public static string ResultsUrl(DeclarationLinks links, int year, bool english) =>
        $"{links.BaseUrl}/award/{year}{(english ? "?culture=en" : "")}";
}
