using ConsultDesk.Features.FollowUps;
using System.Threading.Channels;
using Hangfire;
using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="RunDueFollowUps"/>. Keep the type and method names: stored jobs refer to them.</summary>
public sealed class FollowUpJob(ISender sender)
{
    public const string SweepJobId = "follow-up-sweep";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Drain what is due; each run re-reads the rows, so overlapping runs only cost a little work.
        while ((await sender.Send(new RunDueFollowUps.Command(), cancellationToken)).BatchWasFull) { }
    }
}

/// <summary>
/// Turns planned due times into Hangfire runs off the request path, coalesced to one run per second of due time:
/// a burst of intakes schedules a handful of jobs, and request threads never wait on job storage.
/// Losing one is harmless: the sweep runs every minute.
/// </summary>
public sealed class CoalescingFollowUpSignal(IBackgroundJobClient jobs, TimeProvider clock, ILogger<CoalescingFollowUpSignal> logger)
    : BackgroundService, IFollowUpSignal
{
    private readonly Channel<DateTime> planned = Channel.CreateUnbounded<DateTime>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SortedSet<DateTime> scheduled = [];

    public void Planned(DateTime dueAtUtc) => planned.Writer.TryWrite(dueAtUtc);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var dueAt in planned.Reader.ReadAllAsync(stoppingToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            scheduled.RemoveWhere(at => at < now);
            var second = new DateTime(dueAt.Ticks - dueAt.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddSeconds(1);
            if (second <= now) second = now;
            if (!scheduled.Add(second)) continue;
            try
            {
                if (second <= now)
                    jobs.Enqueue<FollowUpJob>(job => job.RunAsync(CancellationToken.None));
                else
                    jobs.Schedule<FollowUpJob>(job => job.RunAsync(CancellationToken.None), second - now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                scheduled.Remove(second);
                logger.LogWarning(ex, "Could not schedule a follow-up run; the sweep will deliver");
            }
        }
    }
}
