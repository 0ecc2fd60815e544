using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Jobs;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// The work done once at startup, one hosted service per concern. Hosted services start one after another in
/// registration order, so these run in the order listed, each finished before the next, and all of them before the
/// Hangfire server (registered after them) takes a job: the schema exists before anything reads it, report rows before
/// reports are served, and pending mail is rescheduled from the database even with in-memory job storage.
/// </summary>
public static class StartupTasks
{
    public static IServiceCollection AddStartupTasks(this IServiceCollection services) => services
        .AddHostedService<DatabaseMigration>()
        .AddHostedService<DataProtectionKeyImport>()
        .AddHostedService<SqliteLeaseRecovery>()
        .AddHostedService<ReportRowsBackfill>()
        .AddHostedService<AdminBootstrap>()
        .AddHostedService<JobSchedules>();
}

/// <summary>Write-ahead logging, the migrations (unless turned off) and fresh planner statistics; the <c>migrate</c> command runs the same step.</summary>
public sealed class DatabaseMigration(IServiceProvider services, IOptions<ConsultDeskOptions> options, ILogger<DatabaseMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        if (await ApplyAsync(db, options.Value.Database.MigrateOnStartup, cancellationToken) is not null)
            logger.LogInformation("Database schema is up to date");
    }

    /// <summary>Prepares the database; with <paramref name="migrate"/>, applies what is pending and returns those migrations' names (else null).</summary>
    public static async Task<IReadOnlyList<string>?> ApplyAsync(ConsultDeskDbContext db, bool migrate, CancellationToken cancellationToken)
    {
        await DatabaseSetup.EnableWriteAheadLogAsync(db, cancellationToken);
        List<string>? pending = null;
        if (migrate)
        {
            pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
            // A migration that fills a new column on a large desk takes as long as it takes (at 10^6 cases on PostgreSQL
            // TopicMask's fill ran past the default 30 s and the upgrade failed): no command timeout while migrating.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(0);
            // MigrateAsync creates the history table on a fresh database and is a no-op when nothing is pending.
            await db.Database.MigrateAsync(cancellationToken);
            db.Database.SetCommandTimeout(timeout);
        }
        // The report queries reach their day ranges by skip-scan, which SQLite plans only with current statistics.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        return pending;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// SQLite serves one process, so outbox leases found at startup belong to a process that died (a crash, kill -9):
/// they are cleared, and the dispatch enqueued at startup sends that mail at once instead of after the lease.
/// PostgreSQL keeps them until they lapse, as another node may still be sending.
/// </summary>
public sealed class SqliteLeaseRecovery(IServiceProvider services, IOptions<ConsultDeskOptions> options, ILogger<SqliteLeaseRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Database.Provider != DatabaseProvider.Sqlite) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        var released = await db.Outbox
            .Where(m => m.Status == ConsultDesk.Domain.OutboxStatus.Pending && m.LeasedUntil != null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LeaseOwner, (Guid?)null), cancellationToken);
        if (released > 0) logger.LogInformation("Released {Count} outbox lease(s) left by a previous process", released);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Cases saved before report rows existed (an upgraded database) get theirs once, before the app serves reports.</summary>
public sealed class ReportRowsBackfill(IServiceProvider services, ILogger<ReportRowsBackfill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        if (await db.CaseReportRows.AnyAsync(cancellationToken) || !await db.Cases.AnyAsync(cancellationToken)) return;
        var rebuilt = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ConsultDesk.Features.Reports.RebuildReportRows.Command(), cancellationToken);
        logger.LogInformation("Built the report rows of {Count} existing cases", rebuilt);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Creates the roles, and the first admin when no user exists and one is configured.</summary>
public sealed class AdminBootstrap(IServiceProvider services, IOptions<ConsultDeskOptions> options, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var scoped = scope.ServiceProvider;
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

/// <summary>
/// (Re)schedules the recurring jobs from the settings and enqueues what must run once now: outbox delivery and
/// follow-ups that fell due while the app was down, and the mailbox poll.
/// </summary>
public sealed class JobSchedules(IServiceProvider services, IOptions<ConsultDeskOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved only now, after the database steps, as the job storage may touch the database.
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
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
        // The unfiltered reports' summaries (flow per day, speed all time) take in what case changes appended.
        recurring.AddOrUpdate<FoldReportSummariesJob>(FoldReportSummariesJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            options.Value.Reports.FoldCron);
        // SQLite's full-text indexes are merged back into one segment each at night (PostgreSQL's vacuum keeps its own).
        if (options.Value.Database.Provider == DatabaseProvider.Sqlite)
            recurring.AddOrUpdate<MergeSearchIndexesJob>(MergeSearchIndexesJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
                options.Value.Database.SearchIndexMergeCron);
        else
            recurring.RemoveIfExists(MergeSearchIndexesJob.RecurringJobId);
        // Files of inbound mail kept while the virus scanner was unreachable are scanned again (only with a scanner).
        if (!string.IsNullOrWhiteSpace(options.Value.Attachments.ClamAv))
            recurring.AddOrUpdate<RescanAttachmentsJob>(RescanAttachmentsJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Attachments.RescanCron);
        else
            recurring.RemoveIfExists(RescanAttachmentsJob.RecurringJobId);
        // Action宣言 never confirmed within 7 days are deleted.
        recurring.AddOrUpdate<DeleteUnconfirmedDeclarationsJob>(DeleteUnconfirmedDeclarationsJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            options.Value.Declarations.CleanupCron);
        // The Action宣言 yearly check: check mails when due, 要確認 after the answer window (daily).
        recurring.AddOrUpdate<DeclarationCheckJob>(DeclarationCheckJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            options.Value.DeclarationCheck.Cron);
        // The award's deadline and results mails, each once per round when its moment has passed.
        recurring.AddOrUpdate<AwardMailJob>(AwardMailJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Award.MailCron);
        // The information portal: scheduled items go public at their time.
        recurring.AddOrUpdate<PublishInfoJob>(PublishInfoJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Info.PublishCron);
        // info: link checker — the weekly check of every published item's links.
        recurring.AddOrUpdate<LinkCheckJob>(LinkCheckJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Info.LinkCheck.Cron);
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
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
