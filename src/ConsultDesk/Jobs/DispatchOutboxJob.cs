using ConsultDesk.Mail;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="DispatchOutbox"/>. Keep the type and method names: stored jobs refer to them.</summary>
public sealed class DispatchOutboxJob(ISender sender, IBackgroundJobClient jobs)
{
    public const string SweepJobId = "outbox-sweep";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new DispatchOutbox.Command(), cancellationToken);
        // A full batch means more rows are probably due: keep draining without waiting for the sweep.
        if (result.BatchWasFull) jobs.Enqueue<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None));
    }
}

/// <summary>Signals through Hangfire. The outbox rows are already committed, so a failed enqueue only delays delivery to the next sweep.</summary>
public sealed class HangfireOutboxSignal(IBackgroundJobClient jobs, Microsoft.Extensions.Logging.ILogger<HangfireOutboxSignal> logger) : IOutboxSignal
{
    public void MailQueued()
    {
        try
        {
            jobs.Enqueue<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, ex, "Could not enqueue outbox dispatch; the sweep will deliver");
        }
    }
}
