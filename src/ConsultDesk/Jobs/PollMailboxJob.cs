using ConsultDesk.Features.Inbound;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="PollMailbox"/>. Keep the type and method names: stored jobs refer to them.</summary>
public sealed class PollMailboxJob(ISender sender)
{
    public const string RecurringJobId = "mailbox-poll";

    // One poll at a time (overlapping polls would only skip each other's messages, but cost a connection each);
    // a failed poll is not retried: the next scheduled one reads the same messages again.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while ((await sender.Send(new PollMailbox.Command(), cancellationToken)).BatchWasFull) { }
    }
}
