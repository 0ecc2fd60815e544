using ConsultDesk.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Data;

/// <summary>
/// SQLite only: merges each full-text index back into one segment, a step at a time, each step a short write of its
/// own through the <see cref="WriteGate"/>. FTS5 adds a segment with every commit and merges segments a little at a
/// time inside later writes; an index whose big segments are due to be merged makes every intake batch carry part of
/// that merge. Measured on the bench's 10^6 database (README, issue 17): intake p95 134–176 ms while the freshly
/// rebuilt index's 14 big segments were being merged, 91–100 ms after one merge of the whole index (the case index
/// there: 105 steps of 0.16–0.27 s, 20 s in all). Run nightly (<see cref="DatabaseOptions.SearchIndexMergeCron"/>),
/// the day's writes only merge the day's small segments. Steps over segments that writes add meanwhile still end in
/// one (FTS5 folds a merge in progress into the next), and the budget bounds a run under a steady stream of writes.
/// PostgreSQL's GIN indexes are kept by its own vacuum; there the command does nothing.
/// </summary>
public static class MergeSearchIndexes
{
    /// <summary>The app's FTS5 tables (external content over their document tables).</summary>
    public static readonly IReadOnlyList<string> Indexes = ["CaseSearchIndex", "OpenCaseSearchIndex", "DeclarationSearchIndex", "InfoSearchIndex"];

    /// <summary>
    /// Leaf pages one step merges (~1,200 pages written at 10^6 cases): 0.16–0.27 s holding the write gate, so an
    /// intake meanwhile waits a fraction of a second.
    /// </summary>
    public const int PagesPerStep = 1000;

    /// <summary>A run stops after this long even if writes keep adding segments meanwhile; the next run goes on.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(15);

    public sealed record Command : ICommand<Response>, ISystemMessage;

    /// <param name="Steps">Merge steps written.</param>
    /// <param name="Segments">Segments per index after the run.</param>
    public sealed record Response(int Steps, IReadOnlyDictionary<string, int> Segments);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate writeGate, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var segments = new Dictionary<string, int>();
            if (!db.Database.IsSqlite()) return new Response(0, segments);
            var started = clock.GetTimestamp();
            var steps = 0;
            foreach (var index in Indexes)
            {
                // A negative amount merges the segments of every level (as 'optimize' does), writing at most that many
                // pages; the next step goes on with the same merge.
                var step = $"""INSERT INTO "{index}"("{index}", rank) VALUES ('merge', -{PagesPerStep})""";
                int count;
                while ((count = await SegmentsAsync(db, index, cancellationToken)) > 1 && clock.GetElapsedTime(started) < Budget)
                {
                    using (await writeGate.EnterAsync(cancellationToken))
                        await db.Database.ExecuteSqlRawAsync(step, cancellationToken);
                    steps++;
                }
                segments[index] = count;
            }
            if (steps > 0)
                logger.LogInformation("Search indexes merged in {Steps} steps; segments left: {Segments}", steps,
                    string.Join(", ", segments.Select(s => $"{s.Key} {s.Value}")));
            return new Response(steps, segments);
        }
    }

    /// <summary>The index's segments: each has its rows in the FTS5 table's <c>_idx</c> table.</summary>
    public static async Task<int> SegmentsAsync(ConsultDeskDbContext db, string index, CancellationToken cancellationToken)
    {
        var sql = $"""SELECT count(DISTINCT "segid") AS "Value" FROM "{index}_idx" """;
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync(cancellationToken);
    }
}
