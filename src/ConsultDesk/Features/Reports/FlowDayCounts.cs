using ConsultDesk.Data;
using ConsultDesk.Domain.Reporting;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// The unfiltered flow report's per-day counts, kept as a summary (<see cref="FlowDayCount"/>) plus the deltas appended
/// since its last fold (<see cref="FlowDayDelta"/>): a whole-history report reads a few thousand rows instead of every
/// report row of its range. <see cref="Fold"/> moves the deltas into the summary (the reports job, every minute).
/// </summary>
public static class FlowDayCounts
{
    /// <summary>Fills the summary from the report rows (empty summary and deltas first). Also in migration <c>FlowDayCounts</c>.</summary>
    public const string FillFromReportRowsSql = """
        INSERT INTO "FlowDayCounts" ("Event", "Day", "Count")
        SELECT 0, "SubmittedOn", COUNT(*) FROM "CaseReportRows" GROUP BY "SubmittedOn"
        UNION ALL SELECT 1, "ResolvedOn", COUNT(*) FROM "CaseReportRows" WHERE "ResolvedOn" IS NOT NULL GROUP BY "ResolvedOn"
        UNION ALL SELECT 2, "ClosedOn", COUNT(*) FROM "CaseReportRows" WHERE "ClosedOn" IS NOT NULL GROUP BY "ClosedOn"
        UNION ALL SELECT 3, "FinishedOn", COUNT(*) FROM "CaseReportRows" WHERE "FinishedOn" IS NOT NULL GROUP BY "FinishedOn"
        """;

    /// <summary>Recomputes the summary from the report rows, in the caller's transaction (with the app's writers stopped).</summary>
    public static async Task RefillAsync(ConsultDeskDbContext db, CancellationToken cancellationToken)
    {
        await db.FlowDayDeltas.ExecuteDeleteAsync(cancellationToken);
        await db.FlowDayCounts.ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(FillFromReportRowsSql, cancellationToken);
    }

    /// <summary>Per event, the count of each day up to <paramref name="lastDay"/>: summary plus deltas, read in one statement.</summary>
    public static async Task<Dictionary<FlowEvent, Dictionary<int, int>>> UpToAsync(ConsultDeskDbContext db, int lastDay, CancellationToken cancellationToken)
    {
        var counts = await db.FlowDayCounts.Where(c => c.Day <= lastDay).Select(c => new { c.Event, c.Day, c.Count })
            .Concat(db.FlowDayDeltas.Where(d => d.Day <= lastDay).Select(d => new { d.Event, d.Day, Count = d.Delta }))
            .GroupBy(c => new { c.Event, c.Day })
            .Select(g => new { g.Key.Event, g.Key.Day, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<FlowEvent>().ToDictionary(e => e, e => counts.Where(c => c.Event == e && c.Count != 0).ToDictionary(c => c.Day, c => c.Count));
    }

    /// <summary>
    /// Moves the appended deltas into the summary. Safe when two nodes fold at once: on PostgreSQL each delta is taken by
    /// one <c>DELETE … RETURNING</c> and added in the same statement; on SQLite the one writer does both in one transaction.
    /// Readers see the summary and the deltas in one statement, so a fold never shows them a count twice or not at all.
    /// </summary>
    public static class Fold
    {
        public sealed record Command : ICommand<int>, Common.ISystemMessage;

        public sealed class Handler(ConsultDeskDbContext db, WriteGate gate) : ICommandHandler<Command, int>
        {
            public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
            {
                if (db.Database.IsNpgsql())
                    return await db.Database.ExecuteSqlRawAsync("""
                        WITH moved AS (DELETE FROM "FlowDayDeltas" RETURNING "Event", "Day", "Delta"),
                             summed AS (SELECT "Event", "Day", SUM("Delta")::integer AS "Delta" FROM moved GROUP BY "Event", "Day")
                        INSERT INTO "FlowDayCounts" ("Event", "Day", "Count") SELECT "Event", "Day", "Delta" FROM summed
                        ON CONFLICT ("Event", "Day") DO UPDATE SET "Count" = "FlowDayCounts"."Count" + EXCLUDED."Count"
                        """, cancellationToken);

                using (await gate.EnterAsync(cancellationToken))
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var folded = await db.Database.ExecuteSqlRawAsync("""
                        INSERT INTO "FlowDayCounts" ("Event", "Day", "Count")
                        SELECT "Event", "Day", SUM("Delta") FROM "FlowDayDeltas" WHERE true GROUP BY "Event", "Day"
                        ON CONFLICT ("Event", "Day") DO UPDATE SET "Count" = "Count" + excluded."Count"
                        """, cancellationToken);
                    await db.FlowDayDeltas.ExecuteDeleteAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return folded;
                }
            }
        }
    }
}
