using ConsultDesk.Features.FollowUps;
using Hangfire;
using Mediator;
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

/// <summary>Schedules a follow-up run at each planned due time. Losing one is harmless: the sweep runs every minute.</summary>
public sealed class HangfireFollowUpSignal(IBackgroundJobClient jobs, TimeProvider clock, ILogger<HangfireFollowUpSignal> logger) : IFollowUpSignal
{
    public void Planned(DateTime dueAtUtc)
    {
        try
        {
            var wait = dueAtUtc - clock.GetUtcNow().UtcDateTime;
            if (wait <= TimeSpan.Zero)
                jobs.Enqueue<FollowUpJob>(job => job.RunAsync(CancellationToken.None));
            else
                jobs.Schedule<FollowUpJob>(job => job.RunAsync(CancellationToken.None), wait);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not schedule a follow-up run; the sweep will deliver");
        }
    }
}
