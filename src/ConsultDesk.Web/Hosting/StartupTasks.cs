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
        if (options.Value.Database.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migrations", pending.Count);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        var recurring = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<DispatchOutboxJob>(DispatchOutboxJob.SweepJobId, job => job.RunAsync(CancellationToken.None),
            options.Value.Mail.Outbox.SweepCron);
        scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>().Enqueue<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
