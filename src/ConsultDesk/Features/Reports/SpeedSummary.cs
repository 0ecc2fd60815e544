using System.Runtime.CompilerServices;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// The unfiltered speed report's all-time histogram (<see cref="SpeedCell"/> plus the appended <see cref="SpeedCellDelta"/>
/// rows): at most types × consultants × quarter-hour values rows, however many cases there are. A report over most
/// of the history subtracts the few cases submitted outside its range (read from the report rows) instead of reading
/// every row inside it.
/// </summary>
public static class SpeedSummary
{
    /// <summary>Fills the histogram from the report rows (empty histogram and deltas first). Also in migration <c>SpeedCells</c>.</summary>
    public const string FillFromReportRowsSql = """
        INSERT INTO "SpeedCells" ("Measure", "InquirerType", "AssigneeId", "Quarters", "Count", "Met")
        SELECT 0, "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "FirstResponseQuarterHours", COUNT(*),
               SUM(CASE WHEN "FirstResponseMet" THEN 1 ELSE 0 END)
        FROM "CaseReportRows" WHERE "FirstResponseQuarterHours" IS NOT NULL
        GROUP BY "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "FirstResponseQuarterHours"
        UNION ALL
        SELECT 1, "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "ResolutionQuarterHours", COUNT(*),
               SUM(CASE WHEN "ResolutionMet" THEN 1 ELSE 0 END)
        FROM "CaseReportRows" WHERE "ResolutionQuarterHours" IS NOT NULL
        GROUP BY "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "ResolutionQuarterHours"
        """;

    /// <summary>Recomputes the histogram from the report rows, in the caller's transaction (with the app's writers stopped).</summary>
    public static async Task RefillAsync(ConsultDeskDbContext db, CancellationToken cancellationToken)
    {
        await db.SpeedCellDeltas.ExecuteDeleteAsync(cancellationToken);
        await db.SpeedCells.ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(FillFromReportRowsSql, cancellationToken);
    }

    /// <summary>One histogram cell: cases of a type and assignee (null: unassigned) that took so many quarter hours.</summary>
    public sealed record Cell(SpeedMeasure Measure, InquirerType InquirerType, Guid? AssigneeId, int Quarters, int Count, int Met);

    /// <summary>The all-time histogram: summary plus deltas, read in one statement and streamed (empty cells left out).</summary>
    public static async IAsyncEnumerable<Cell> AllTimeAsync(ConsultDeskDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cells = db.SpeedCells.Select(c => new { c.Measure, c.InquirerType, c.AssigneeId, c.Quarters, c.Count, c.Met })
            .Concat(db.SpeedCellDeltas.Select(d => new { d.Measure, d.InquirerType, d.AssigneeId, d.Quarters, d.Count, d.Met }))
            .GroupBy(c => new { c.Measure, c.InquirerType, c.AssigneeId, c.Quarters })
            .Select(g => new { g.Key.Measure, g.Key.InquirerType, g.Key.AssigneeId, g.Key.Quarters, Count = g.Sum(c => c.Count), Met = g.Sum(c => c.Met) });
        await foreach (var c in cells.AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (c.Count != 0) yield return new Cell(c.Measure, c.InquirerType, c.AssigneeId == Guid.Empty ? null : c.AssigneeId, c.Quarters, c.Count, c.Met);
    }
}
