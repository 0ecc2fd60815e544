using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Common.Metrics;

/// <summary>
/// The figures the metrics gauges show that live in shared storage: outbox backlog and follow-ups due (one query),
/// Hangfire's queues (its monitoring API). Refreshed once per scrape, just before the exporter reads the gauges, so a
/// scrape costs one database round trip and a request to the app costs none. Every node reads the same database and
/// job storage, so these figures are the same whichever node answers.
/// </summary>
public sealed class OperationsSnapshot(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OperationsSnapshot> logger)
{
    public sealed record Database(long OutboxPending, double OldestPendingAgeSeconds, long FollowUpsDue);

    public sealed record JobQueues(IReadOnlyDictionary<string, long> EnqueuedByQueue, long Failed, long Scheduled);

    /// <summary>The database figures of the last refresh; null when it failed (the gauges then report nothing).</summary>
    public Database? Current { get; private set; }

    /// <summary>Hangfire's figures of the last refresh; null when it failed.</summary>
    public JobQueues? Jobs { get; private set; }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            Current = await ReadDatabaseAsync(scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>(), clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Current = null;
            logger.LogWarning("Metrics: the outbox and follow-up figures could not be read ({Error})", ex.GetType().Name);
        }
        try
        {
            Jobs = ReadJobs(scope.ServiceProvider.GetRequiredService<JobStorage>());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Jobs = null;
            logger.LogWarning("Metrics: Hangfire's queue figures could not be read ({Error})", ex.GetType().Name);
        }
    }

    private sealed record Row(int OutboxPending, DateTime? OldestPendingCreatedAt, int FollowUpsDue);

    /// <summary>
    /// One statement of three index-only aggregates: pending mail by the outbox's (Status, NextAttemptAt, CreatedAt)
    /// index, due follow-ups by (State, DueAt).
    /// </summary>
    public static async Task<Database> ReadDatabaseAsync(ConsultDeskDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"")
            .Select(_ => new Row(
                db.Outbox.Count(m => m.Status == OutboxStatus.Pending),
                db.Outbox.Where(m => m.Status == OutboxStatus.Pending).Min(m => (DateTime?)m.CreatedAt),
                db.FollowUps.Count(f => f.State == FollowUpState.Scheduled && f.DueAt <= now)))
            .SingleAsync(cancellationToken);
        var age = row.OldestPendingCreatedAt is { } oldest ? Math.Max(0, (now - DateTime.SpecifyKind(oldest, DateTimeKind.Utc)).TotalSeconds) : 0;
        return new Database(row.OutboxPending, age, row.FollowUpsDue);
    }

    private static JobQueues ReadJobs(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        var queues = monitoring.Queues().ToDictionary(q => q.Name, q => q.Length);
        return new JobQueues(queues, monitoring.FailedCount(), monitoring.ScheduledCount());
    }
}
