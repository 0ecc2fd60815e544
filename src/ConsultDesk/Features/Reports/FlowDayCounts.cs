using ConsultDesk.Data;
using ConsultDesk.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// The unfiltered flow report's per-day counts, kept as a summary (<see cref="FlowDayCount"/>) plus the deltas appended
/// since its last fold (<see cref="FlowDayDelta"/>): a whole-history report reads a few thousand rows instead of every
/// report row of its range. <see cref="FoldReportSummaries"/> moves the deltas into the summary (every minute).
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

    /// <summary>
    /// Per event (or only <paramref name="only"/>), the count of each day up to <paramref name="lastDay"/>: summary plus
    /// deltas, read in one statement.
    /// </summary>
    public static async Task<Dictionary<FlowEvent, Dictionary<int, int>>> UpToAsync(ConsultDeskDbContext db, int lastDay, CancellationToken cancellationToken,
        FlowEvent? only = null)
    {
        var counts = await db.FlowDayCounts.Where(c => c.Day <= lastDay && (only == null || c.Event == only)).Select(c => new { c.Event, c.Day, c.Count })
            .Concat(db.FlowDayDeltas.Where(d => d.Day <= lastDay && (only == null || d.Event == only)).Select(d => new { d.Event, d.Day, Count = d.Delta }))
            .GroupBy(c => new { c.Event, c.Day })
            .Select(g => new { g.Key.Event, g.Key.Day, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<FlowEvent>().ToDictionary(e => e, e => counts.Where(c => c.Event == e && c.Count != 0).ToDictionary(c => c.Day, c => c.Count));
    }
}
