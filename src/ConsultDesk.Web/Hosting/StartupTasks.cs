using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Runs before the Hangfire server starts: applies migrations (unless turned off), then (re)schedules outbox
/// delivery from the database, so pending mail survives a restart even with in-memory job storage.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IOptions<ConsultDeskOptions> options, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        await DatabaseSetup.EnableWriteAheadLogAsync(db, cancellationToken);
        if (options.Value.Database.MigrateOnStartup)
        {
            // MigrateAsync creates the history table on a fresh database and is a no-op when nothing is pending.
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database schema is up to date");
        }

        var recurring = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<DispatchOutboxJob>(DispatchOutboxJob.SweepJobId, job => job.RunAsync(CancellationToken.None),
            options.Value.Mail.Outbox.SweepCron);
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None));
        // Rows a crashed process still held become claimable when its lease lapses: look again then.
        jobs.Schedule<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None), options.Value.Mail.Outbox.LeaseDuration + TimeSpan.FromSeconds(1));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
