using System.Text.Json;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Reporting;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Recomputes every report row (and the flow and speed reports' summaries) from the cases, their transitions and their concluded matches, in batches, in one
/// transaction: for data loaded around the app, or after a change to how rows are derived. Run with the app stopped:
/// <c>dotnet run --project src/ConsultDesk.Web -- rebuild-report-rows</c>.
/// </summary>
public static partial class RebuildReportRows
{
    public sealed record Command(int BatchSize = 2000) : ICommand<int>, ISystemMessage;

    public sealed partial class Handler(ConsultDeskDbContext db, BusinessCalendar calendar, ILogger<Handler> logger) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.CaseReportRows.ExecuteDeleteAsync(cancellationToken);
            var written = 0;
            string? after = null;
            while (true)
            {
                var batch = await db.Cases.AsNoTracking().Include(c => c.Topics)
                    .Where(c => after == null || string.Compare(c.Reference, after) > 0)
                    .OrderBy(c => c.Reference).Take(command.BatchSize)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0) break;
                var ids = batch.Select(c => c.Id).ToList();
                var transitions = await db.Timeline.AsNoTracking()
                    .Where(t => ids.Contains(t.CaseId) && t.Type == "transition")
                    .Select(t => new { t.CaseId, t.Content })
                    .ToListAsync(cancellationToken);
                var concluded = (await db.MatchProposals.AsNoTracking()
                    .Where(p => ids.Contains(p.CaseId) && p.Status == ProposalStatus.Concluded)
                    .Select(p => p.CaseId).ToListAsync(cancellationToken)).ToHashSet();
                var reached = transitions.GroupBy(t => t.CaseId).ToDictionary(g => g.Key, g => g.Aggregate(0, (bits, t) => bits | MilestoneOf(t.Content)));

                foreach (var @case in batch)
                {
                    var row = CaseReportRow.For(@case, calendar);
                    row.Reach(reached.GetValueOrDefault(@case.Id) | (concluded.Contains(@case.Id) ? ReportMilestones.MatchConcluded : 0));
                    db.CaseReportRows.Add(row);
                }
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                written += batch.Count;
                after = batch[^1].Reference;
                if (written % 100_000 < command.BatchSize) LogProgress(logger, written);
            }
            await FlowDayCounts.RefillAsync(db, cancellationToken);
            await SpeedSummary.RefillAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written;
        }

        private static int MilestoneOf(string content)
        {
            try
            {
                using var json = JsonDocument.Parse(content);
                return json.RootElement.TryGetProperty("to", out var to) && Wire.TryParse<CaseStatus>(to.GetString(), out var status)
                    ? ReportMilestones.Of(status) : 0;
            }
            catch (JsonException)
            {
                return 0;
            }
        }

        [LoggerMessage(LogLevel.Information, "Rebuilt {Count} report rows so far")]
        private static partial void LogProgress(ILogger logger, int count);
    }
}
