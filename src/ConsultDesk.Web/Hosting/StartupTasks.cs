using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.Identity;
using ConsultDesk.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Runs before the Hangfire server starts: applies migrations (unless turned off), then (re)schedules outbox
/// delivery and follow-ups from the database, so pending mail survives a restart even with in-memory job storage.
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
        // The report queries reach their day ranges by skip-scan, which SQLite plans only with current statistics.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);

        // Cases saved before report rows existed (an upgraded database) get theirs once, before the app serves reports.
        if (!await db.CaseReportRows.AnyAsync(cancellationToken) && await db.Cases.AnyAsync(cancellationToken))
        {
            var rebuilt = await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new ConsultDesk.Features.Reports.RebuildReportRows.Command(), cancellationToken);
            logger.LogInformation("Built the report rows of {Count} existing cases", rebuilt);
        }

        await BootstrapAsync(scope.ServiceProvider, cancellationToken);

        var recurring = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<DispatchOutboxJob>(DispatchOutboxJob.SweepJobId, job => job.RunAsync(CancellationToken.None),
            options.Value.Mail.Outbox.SweepCron);
        recurring.AddOrUpdate<FollowUpJob>(FollowUpJob.SweepJobId, job => job.RunAsync(CancellationToken.None),
            options.Value.FollowUps.SweepCron);
        // The monthly report: a daily check at the configured Japan time that sends only on the first business day.
        var monthly = options.Value.Reports.MonthlyMail;
        if (monthly.Enabled)
            recurring.AddOrUpdate<MonthlyReportJob>(MonthlyReportJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
                MonthlyReportJob.DailyCronUtc(monthly.SendAtJst));
        else
            recurring.RemoveIfExists(MonthlyReportJob.RecurringJobId);
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None));
        // Follow-ups that fell due while the app was down go out now; later ones are picked up by the sweep.
        jobs.Enqueue<FollowUpJob>(job => job.RunAsync(CancellationToken.None));
        // Rows a crashed process still held become claimable when its lease lapses: look again then.
        jobs.Schedule<DispatchOutboxJob>(job => job.RunAsync(CancellationToken.None), options.Value.Mail.Outbox.LeaseDuration + TimeSpan.FromSeconds(1));

        // Inbound mail: polled on its schedule and once now; with no IMAP host the recurring job is removed
        // (persistent job storage would otherwise keep polling a mailbox that was switched off).
        var imap = options.Value.Mail.Imap;
        if (imap.Enabled)
        {
            recurring.AddOrUpdate<PollMailboxJob>(PollMailboxJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), imap.PollCron);
            jobs.Enqueue<PollMailboxJob>(job => job.RunAsync(CancellationToken.None));
        }
        else
        {
            recurring.RemoveIfExists(PollMailboxJob.RecurringJobId);
        }
    }

    /// <summary>Creates the roles, and the first admin when no user exists and one is configured.</summary>
    private async Task BootstrapAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        var roles = scoped.GetRequiredService<RoleManager<Role>>();
        foreach (var name in Roles.All)
            if (!await roles.RoleExistsAsync(name)) await roles.CreateAsync(new Role(name));

        var bootstrap = options.Value.Bootstrap;
        if (string.IsNullOrWhiteSpace(bootstrap.AdminEmail) || string.IsNullOrEmpty(bootstrap.AdminPassword)) return;
        var users = scoped.GetRequiredService<UserManager<User>>();
        if (await users.Users.AnyAsync(cancellationToken)) return;
        var admin = new User
        {
            Id = Guid.CreateVersion7(),
            Email = bootstrap.AdminEmail,
            UserName = bootstrap.AdminEmail,
            DisplayName = bootstrap.AdminDisplayName,
            EmailConfirmed = true,
            CreatedAt = scoped.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, bootstrap.AdminPassword);
        if (!created.Succeeded)
            throw new InvalidOperationException("The bootstrap admin could not be created: " + string.Join(" ", created.Errors.Select(e => e.Code)));
        await users.AddToRoleAsync(admin, Roles.Admin);
        logger.LogInformation("Bootstrap admin {UserId} created", admin.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
