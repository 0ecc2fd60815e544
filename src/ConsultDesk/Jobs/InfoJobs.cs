using ConsultDesk.Features.Info;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter: publishes scheduled portal items (<see cref="PublishScheduledInfo"/>). Keep the type and method names: stored jobs refer to them.</summary>
public sealed class PublishInfoJob(ISender sender)
{
    public const string RecurringJobId = "info-publish";

    // Overlapping runs are safe: each publication is guarded by the item's version.
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new PublishScheduledInfo.Command(), cancellationToken);
}
