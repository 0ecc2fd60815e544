using ConsultDesk.Data;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter: merges SQLite's full-text indexes (<see cref="MergeSearchIndexes"/>). Keep the type and method names: stored jobs refer to them.</summary>
public sealed class MergeSearchIndexesJob(ISender sender)
{
    public const string RecurringJobId = "search-index-merge";

    // Two overlapping runs only share the work: each step merges what the previous one left.
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new MergeSearchIndexes.Command(), cancellationToken);
}
