using ConsultDesk.Features.Reports;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter: folds the flow report's appended day deltas into its summary (<see cref="FlowDayCounts.Fold"/>). Keep the type and method names: stored jobs refer to them.</summary>
public sealed class FoldFlowDayCountsJob(ISender sender)
{
    public const string RecurringJobId = "reports-fold-flow-days";

    // Overlapping runs (two nodes) are safe: each delta is folded by exactly one of them.
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new FlowDayCounts.Fold.Command(), cancellationToken);
}
