using System.Threading.Channels;
using ConsultDesk.Mail;
using Hangfire;
using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="DispatchOutbox"/>. Keep the type and method names: stored jobs refer to them.</summary>
public sealed class DispatchOutboxJob(ISender sender, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string SweepJobId = "outbox-sweep";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new DispatchOutbox.Command(), cancellationToken);
        // A full batch means more rows are probably due: keep draining without waiting for the sweep.
        if (result.BatchWasFull)
            jobs.Enqueue<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None));
        // The run that saw a transient failure follows up at the retry time; other runs leave it to this one.
        else if (result.NextRetryAt is { } retryAt)
            jobs.Schedule<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None), Max(retryAt - clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1)));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>
/// Turns "mail was committed" signals into Hangfire dispatch jobs, coalesced: a burst of intakes enqueues a few jobs,
/// not one each, and request threads never wait on job storage. Every signal is followed by an enqueue that happens
/// after it, so a committed row is always picked up by a job that starts after its commit (or by the sweep).
/// </summary>
public sealed class CoalescingOutboxSignal(IBackgroundJobClient jobs, ILogger<CoalescingOutboxSignal> logger)
    : BackgroundService, IOutboxSignal
{
    // Capacity one: while an enqueue is already pending, further signals are covered by it.
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void MailQueued() => signals.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in signals.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                jobs.Enqueue<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rows are committed; the recurring sweep delivers them even if job storage is down now.
                logger.LogWarning(ex, "Could not enqueue outbox dispatch; the sweep will deliver");
            }
        }
    }
}
