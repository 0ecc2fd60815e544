using ConsultDesk.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Moves the appended deltas of the unfiltered reports' summaries (<see cref="FlowDayCounts"/>,
/// <see cref="SpeedSummary"/>) into the summaries. Safe when two nodes fold at once: on PostgreSQL each delta is taken
/// by one <c>DELETE … RETURNING</c> and added in the same statement; on SQLite the one writer does both in one
/// transaction. Readers read a summary and its deltas in one statement, so a fold never shows them a count twice or not at all.
/// </summary>
public static class FoldReportSummaries
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
                    """, cancellationToken)
                    + await db.Database.ExecuteSqlRawAsync("""
                    WITH moved AS (DELETE FROM "SpeedCellDeltas" RETURNING "Measure", "InquirerType", "AssigneeId", "Quarters", "Count", "Met"),
                         summed AS (SELECT "Measure", "InquirerType", "AssigneeId", "Quarters", SUM("Count")::integer AS "Count", SUM("Met")::integer AS "Met"
                                    FROM moved GROUP BY "Measure", "InquirerType", "AssigneeId", "Quarters")
                    INSERT INTO "SpeedCells" ("Measure", "InquirerType", "AssigneeId", "Quarters", "Count", "Met")
                    SELECT "Measure", "InquirerType", "AssigneeId", "Quarters", "Count", "Met" FROM summed
                    ON CONFLICT ("Measure", "InquirerType", "AssigneeId", "Quarters")
                    DO UPDATE SET "Count" = "SpeedCells"."Count" + EXCLUDED."Count", "Met" = "SpeedCells"."Met" + EXCLUDED."Met"
                    """, cancellationToken);

            using (await gate.EnterAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var folded = await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "FlowDayCounts" ("Event", "Day", "Count")
                    SELECT "Event", "Day", SUM("Delta") FROM "FlowDayDeltas" WHERE true GROUP BY "Event", "Day"
                    ON CONFLICT ("Event", "Day") DO UPDATE SET "Count" = "Count" + excluded."Count";
                    INSERT INTO "SpeedCells" ("Measure", "InquirerType", "AssigneeId", "Quarters", "Count", "Met")
                    SELECT "Measure", "InquirerType", "AssigneeId", "Quarters", SUM("Count"), SUM("Met") FROM "SpeedCellDeltas" WHERE true
                    GROUP BY "Measure", "InquirerType", "AssigneeId", "Quarters"
                    ON CONFLICT ("Measure", "InquirerType", "AssigneeId", "Quarters") DO UPDATE SET "Count" = "Count" + excluded."Count", "Met" = "Met" + excluded."Met";
                    """, cancellationToken);
                await db.FlowDayDeltas.ExecuteDeleteAsync(cancellationToken);
                await db.SpeedCellDeltas.ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return folded;
            }
        }
    }
}
