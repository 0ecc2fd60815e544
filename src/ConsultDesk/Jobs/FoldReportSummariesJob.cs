using ConsultDesk.Features.Reports;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter: folds the unfiltered reports' appended deltas into their summaries (<see cref="FoldReportSummaries"/>). Keep the type and method names: stored jobs refer to them.</summary>
public sealed class FoldReportSummariesJob(ISender sender)
{
    public const string RecurringJobId = "reports-fold-summaries";

    // Overlapping runs (two nodes) are safe: each delta is folded by exactly one of them.
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new FoldReportSummaries.Command(), cancellationToken);
}
