using ConsultDesk.Features.Info;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter: the weekly check of the portal's links (<see cref="CheckLinks"/>). Keep the type and method names: stored jobs refer to them.</summary>
public sealed class LinkCheckJob(ISender sender)
{
    public const string RecurringJobId = "info-link-check";

    // A second node running it too only records some verdicts twice; links checked within the reuse window are skipped.
    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new CheckLinks.Command(), cancellationToken);
}
