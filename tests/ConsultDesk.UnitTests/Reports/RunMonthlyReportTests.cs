using ConsultDesk.Common;
using ConsultDesk.Common.Behaviors;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Features.Reports;
using ConsultDesk.Mail;
using ConsultDesk.UnitTests.Mail;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ConsultDesk.UnitTests.Reports;

/// <summary>The daily run against a real (in-memory SQLite) database with the real report handlers.</summary>
public sealed class RunMonthlyReportTests : IDisposable
{
    private static readonly ServiceLevel ServiceLevel = new(BusinessCalendar.LoadEmbedded(), 2, 20, TimeSpan.FromHours(4));
    private readonly UnitTestDatabase database = new();
    private readonly ConsultDeskOptions options = new();
    private readonly IOutboxSignal signal = Substitute.For<IOutboxSignal>();

    private async Task AddStaffAsync(string email, string role)
    {
        await using var db = database.NewContext();
        var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role);
        if (roleRow is null) db.Roles.Add(roleRow = new Role(role) { Id = Guid.CreateVersion7() });
        var user = new User { Id = Guid.CreateVersion7(), Email = email, UserName = email, DisplayName = "佐藤 課長" };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
    }

    private async Task<RunMonthlyReport.Response> RunAsync(DateTimeOffset at)
    {
        var clock = new FakeTimeProvider(at);
        // The signal comes from the app's after-commit interceptor, as in the app.
        await using var db = database.NewContext(new SignalAfterCommit(signal, Substitute.For<IFollowUpSignal>()));
        var mail = new MonthlyReportMail(db, new WriteGate(serialize: true), new MailTemplates(), SystemSender(db, clock),
            Options.Create(options), NullLogger<MonthlyReportMail>.Instance);
        return await new RunMonthlyReport.Handler(mail, ServiceLevel, clock, Options.Create(options)).Handle(new RunMonthlyReport.Command(), CancellationToken.None);
    }

    /// <summary>Report queries the mail sent, in order.</summary>
    private readonly List<object> sent = [];

    /// <summary>The app's pipeline in small, as a background job sees it: no HTTP request, the authorization behaviour, the real handler.</summary>
    private ISender SystemSender(ConsultDeskDbContext db, TimeProvider clock)
    {
        var sender = Substitute.For<ISender>();
        Route(sender, new CaseloadReport.Handler(db, ServiceLevel, clock));
        Route(sender, new FlowReport.Handler(db, clock));
        Route(sender, new SpeedReport.Handler(db, clock));
        Route(sender, new FunnelReport.Handler(db, clock));
        Route(sender, new GeographyReport.Handler(db, clock));
        return sender;
    }

    private void Route<TQuery, TResponse>(ISender sender, IQueryHandler<TQuery, TResponse> handler) where TQuery : IQuery<TResponse>
    {
        var authorization = new AuthorizationBehavior<TQuery, TResponse>(new HttpContextAccessor(), Substitute.For<ICurrentUser>());
        sender.Send(Arg.Any<TQuery>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            sent.Add(call.Arg<TQuery>());
            return authorization.Handle(call.Arg<TQuery>(), (query, ct) => handler.Handle(query, ct), call.Arg<CancellationToken>());
        });
    }

    private async Task<List<OutboxMail>> MonthlyMailsAsync()
    {
        await using var db = database.NewContext();
        return await db.Outbox.AsNoTracking().Where(m => m.Kind == MonthlyReportMail.Kind).ToListAsync();
    }

    private static DateTimeOffset Jst(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task On_the_first_business_day_each_manager_gets_one_mail_with_five_csv_files_however_often_it_runs()
    {
        await AddStaffAsync("manager1@example.jp", Roles.Manager);
        await AddStaffAsync("manager2@example.jp", Roles.Manager);
        await AddStaffAsync("admin@example.jp", Roles.Admin);

        var first = await RunAsync(Jst(2027, 1, 4, 8));
        var again = await RunAsync(Jst(2027, 1, 4, 9));

        Assert.Equal(new DateOnly(2026, 12, 1), first.Month);
        Assert.Equal(MonthlyReportMail.Outcome.Queued, first.Outcome);
        Assert.Equal(MonthlyReportMail.Outcome.AlreadySent, again.Outcome);
        var mails = await MonthlyMailsAsync();
        Assert.Equal(["manager1@example.jp", "manager2@example.jp"], mails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(mails, m =>
        {
            Assert.Equal("【ConsultDesk】月次レポート（2026年12月）", m.Subject);
            Assert.StartsWith("monthly-report.2026-12.", m.MessageId, StringComparison.Ordinal);
            Assert.True(m.HasAttachments);
        });
        await using var db = database.NewContext();
        var files = await db.OutboxAttachments.AsNoTracking().Where(a => a.OutboxMailId == mails[0].Id).OrderBy(a => a.Position).ToListAsync();
        Assert.Equal(new[] { "caseload", "flow", "speed", "funnel", "geography" }.Select(n => $"consultdesk-{n}-2026-12.csv"), files.Select(f => f.FileName));
        Assert.All(files, f => Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, f.Content[..3]));
        signal.Received(1).MailQueued();
    }

    [Fact]
    public async Task The_report_figures_come_from_the_five_report_queries_sent_as_the_system()
    {
        await AddStaffAsync("manager@example.jp", Roles.Manager);

        Assert.Equal(MonthlyReportMail.Outcome.Queued, (await RunAsync(Jst(2027, 1, 4, 8))).Outcome);

        Assert.Equal(["FlowReport", "FlowReport", "SpeedReport", "SpeedReport", "FunnelReport", "FunnelReport", "GeographyReport", "CaseloadReport"],
            sent.Select(q => q.GetType().DeclaringType!.Name));
        Assert.Equal(new DateOnly(2026, 11, 1), Assert.IsType<FlowReport.Query>(sent[0]).From);
        Assert.Equal(new DateOnly(2026, 12, 31), Assert.IsType<FlowReport.Query>(sent[0]).To);
    }

    [Fact]
    public async Task Without_a_manager_the_admins_get_it()
    {
        await AddStaffAsync("admin@example.jp", Roles.Admin);

        await RunAsync(Jst(2026, 12, 1, 8));

        Assert.Equal("admin@example.jp", Assert.Single(await MonthlyMailsAsync()).ToAddress);
    }

    [Fact]
    public async Task On_other_days_or_when_turned_off_nothing_is_written()
    {
        await AddStaffAsync("manager@example.jp", Roles.Manager);

        Assert.Null((await RunAsync(Jst(2027, 1, 5, 8))).Month);
        Assert.Null((await RunAsync(Jst(2027, 1, 3, 8))).Month);
        options.Reports.MonthlyMail.Enabled = false;
        Assert.Null((await RunAsync(Jst(2027, 1, 4, 8))).Month);

        Assert.Empty(await MonthlyMailsAsync());
    }

    public void Dispose() => database.Dispose();
}
