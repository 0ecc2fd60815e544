using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.IntegrationTests.Reports;

/// <summary>An app of its own (the reports count every case in the database) on a clock the test moves.</summary>
public abstract class ReportsApp(string provider) : ConsultDeskAppFactory(provider)
{
    /// <summary>Starts Monday 2026-11-02 08:00 JST and only moves forward; 11/3 (文化の日) is a holiday.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(9)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public void SetJst(int month, int day, int hour, int minute = 0) =>
        Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(9)));
}

public sealed class ReportsSqliteApp() : ReportsApp("Sqlite");

public sealed class ReportsPostgresApp() : ReportsApp("Postgres");

/// <summary>
/// Five cases worked across the 11/3 holiday, then every report checked against numbers worked out by hand
/// (desk hours are 09:00–17:00 JST on business days; SLA: first response in 2 business days, resolution in 20).
/// </summary>
public abstract class ReportTests(ReportsApp app) : IAsyncLifetime
{
    private const string Password = "Staff-Password-2026";
    private string managerEmail = "", consultant1Email = "", consultant2Email = "";
    private Guid consultant1, consultant2;
    private readonly Dictionary<string, string> references = [];
    private static readonly SemaphoreSlim SeedLock = new(1, 1);

    public async Task InitializeAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            // One scenario per fixture (database); the facts only read it.
            if (Markers.TryGetValue(app, out var marker)) { Restore(marker); return; }
            await SeedAsync();
        }
        finally
        {
            SeedLock.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed class ScenarioMarker
    {
        public string Manager = "", C1 = "", C2 = "";
        public Guid C1Id, C2Id;
        public Dictionary<string, string> References = [];
    }

    private void Restore(ScenarioMarker marker)
    {
        (managerEmail, consultant1Email, consultant2Email, consultant1, consultant2) = (marker.Manager, marker.C1, marker.C2, marker.C1Id, marker.C2Id);
        foreach (var (k, v) in marker.References) references[k] = v;
    }

    private async Task SeedAsync()
    {
        app.SetJst(11, 2, 9, 0);
        managerEmail = await CreateUserAsync("manager", "管理 花子");
        consultant1Email = await CreateUserAsync("consultant", "相談 一郎");
        consultant2Email = await CreateUserAsync("consultant", "相談 二郎");
        consultant1 = await IdOfAsync(consultant1Email);
        consultant2 = await IdOfAsync(consultant2Email);

        // A: company, Tokyo; submitted Mon 11/2 10:00, answered Wed 11/4 10:00 (7h + holiday + 1h = 8h, within 16h),
        //    resolved Fri 11/6 15:00 (7 + 8 + 8 + 6 = 29h).
        app.SetJst(11, 2, 10);
        references["A"] = await SubmitAsync(Infrastructure.Inquiries.Company(), "13", "telework-rules");
        // B: municipality, Hokkaido; submitted Mon 11/2 16:00, answered Thu 11/5 16:30 (1 + 8 + 7.5 = 16.5h: late), stays triaged.
        app.SetJst(11, 2, 16);
        references["B"] = await SubmitAsync(Infrastructure.Inquiries.Municipality(), "01", "satellite-office");
        // C: worker, Tokyo; submitted on the holiday, never answered: overdue, unassigned.
        app.SetJst(11, 3, 12);
        references["C"] = await SubmitAsync(Infrastructure.Inquiries.Worker(), "13", "relocation");
        // D: company, Osaka; submitted Wed 11/4 09:30, consultation then support, never answered: overdue.
        app.SetJst(11, 4, 9, 30);
        references["D"] = await SubmitAsync(Infrastructure.Inquiries.Company(), "27", "ict-security");

        app.SetJst(11, 4, 10);
        using (var c1 = await SignInAsync(consultant1Email))
        {
            await PostAsync(c1, $"/api/v1/cases/{references["A"]}/claim", new { });
            await PostAsync(c1, $"/api/v1/cases/{references["A"]}/messages", new { subject = "ご相談の件", body = "ご連絡ありがとうございます。" });
            await PostAsync(c1, $"/api/v1/cases/{references["A"]}/transitions", new { to = "triaged" });
            await PostAsync(c1, $"/api/v1/cases/{references["A"]}/transitions", new { to = "in-consultation" });
            await PostAsync(c1, $"/api/v1/cases/{references["B"]}/claim", new { });
            await PostAsync(c1, $"/api/v1/cases/{references["B"]}/transitions", new { to = "triaged" });
        }
        // E: company, Tokyo; submitted Wed 11/4 11:00 and closed as spam at 12:00.
        app.SetJst(11, 4, 11);
        references["E"] = await SubmitAsync(Infrastructure.Inquiries.Company(), "13", "other");
        app.SetJst(11, 4, 12);
        using (var c2 = await SignInAsync(consultant2Email))
        {
            await PostAsync(c2, $"/api/v1/cases/{references["D"]}/claim", new { });
            await PostAsync(c2, $"/api/v1/cases/{references["D"]}/transitions", new { to = "triaged" });
            await PostAsync(c2, $"/api/v1/cases/{references["D"]}/transitions", new { to = "in-consultation" });
            await PostAsync(c2, $"/api/v1/cases/{references["D"]}/transitions", new { to = "in-support" });
            await PostAsync(c2, $"/api/v1/cases/{references["E"]}/claim", new { });
            await PostAsync(c2, $"/api/v1/cases/{references["E"]}/transitions", new { to = "closed", reason = "spam" });
        }
        app.SetJst(11, 5, 16, 30);
        using (var c1 = await SignInAsync(consultant1Email))
            await PostAsync(c1, $"/api/v1/cases/{references["B"]}/messages", new { subject = "ご相談の件", body = "ご相談の件、担当よりご連絡します。" });
        app.SetJst(11, 6, 15);
        using (var c1 = await SignInAsync(consultant1Email))
            await PostAsync(c1, $"/api/v1/cases/{references["A"]}/transitions", new { to = "resolved" });

        // The reports are read on Monday 11/9 at 12:00 JST.
        app.SetJst(11, 9, 12);
        var marker = new ScenarioMarker
        {
            Manager = managerEmail, C1 = consultant1Email, C2 = consultant2Email, C1Id = consultant1, C2Id = consultant2,
            References = new Dictionary<string, string>(references),
        };
        Markers[app] = marker;
    }

    private static readonly Dictionary<ReportsApp, ScenarioMarker> Markers = [];

    private async Task<string> SubmitAsync(JsonObject body, string prefecture, string topic)
    {
        body["prefectureCode"] = prefecture;
        body["topics"] = new JsonArray(topic);
        using var client = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> CreateUserAsync(string role, string name)
    {
        using var admin = await Staff.AdminAsync(app);
        var email = $"{role}-{Guid.NewGuid():N}@consultdesk.test";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = name, password = Password, roles = new[] { role } });
        created.EnsureSuccessStatusCode();
        return email;
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        using var client = await SignInAsync(email);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("id").GetGuid();
    }

    // Tokens expire by the app's clock, which the scenario moves by days: sign in afresh each time.
    private Task<HttpClient> SignInAsync(string email) => Staff.ClientAsync(app, email, Password);

    private async Task<JsonElement> ManagerGetAsync(string path)
    {
        using var manager = await SignInAsync(managerEmail);
        var response = await manager.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private const string November = "from=2026-11-01&to=2026-11-30";

    [Fact]
    public async Task Caseload_counts_open_cases_per_consultant_and_status_with_overdue_and_ages()
    {
        var report = await ManagerGetAsync("/api/v1/reports/caseload");

        Assert.Equal(3, report.GetProperty("open").GetInt32());
        Assert.Equal(1, report.GetProperty("unassigned").GetInt32());
        Assert.Equal(2, report.GetProperty("overdue").GetInt32());   // C and D: never answered, first response was due 11/5 17:00 and 11/6 09:30
        Assert.Equal(0, report.GetProperty("dueSoon").GetInt32());
        var rows = report.GetProperty("consultants").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("assigneeId").ValueKind);
        Assert.Equal(1, rows[0].GetProperty("byStatus").GetProperty("new").GetInt32());
        var one = rows.Single(r => r.GetProperty("name").GetString() == "相談 一郎");
        Assert.Equal(consultant1, one.GetProperty("assigneeId").GetGuid());
        Assert.Equal(1, one.GetProperty("byStatus").GetProperty("triaged").GetInt32());
        Assert.Equal(0, one.GetProperty("overdue").GetInt32());
        var two = rows.Single(r => r.GetProperty("name").GetString() == "相談 二郎");
        Assert.Equal(1, two.GetProperty("byStatus").GetProperty("in-support").GetInt32());
        Assert.Equal(1, two.GetProperty("overdue").GetInt32());
        // Ages on Monday 11/9: B (11/2) and C (11/3) are 4 business days old (11/4, 11/5, 11/6, 11/9), D (11/4) is 3.
        var ages = report.GetProperty("ages").EnumerateArray().ToDictionary(a => a.GetProperty("fromBusinessDays").GetInt32(), a => a.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<int, int> { [0] = 0, [1] = 0, [3] = 3, [5] = 0, [10] = 0, [20] = 0 }, ages);

        var onlyTheirs = await ManagerGetAsync($"/api/v1/reports/caseload?assignee={consultant2}");
        Assert.Equal(1, onlyTheirs.GetProperty("open").GetInt32());
    }

    [Fact]
    public async Task Flow_counts_per_week_with_the_backlog()
    {
        var report = await ManagerGetAsync($"/api/v1/reports/flow?{November}&interval=week");

        Assert.Equal(0, report.GetProperty("backlogAtStart").GetInt32());
        var periods = report.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["2026-11-01", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"], periods.Select(p => p.GetProperty("start").GetString()));
        var week = periods[1];
        Assert.Equal("2026-11-08", week.GetProperty("end").GetString());
        Assert.Equal(5, week.GetProperty("opened").GetInt32());
        Assert.Equal(1, week.GetProperty("resolved").GetInt32());
        Assert.Equal(1, week.GetProperty("closed").GetInt32());
        Assert.Equal(3, week.GetProperty("backlog").GetInt32());
        Assert.Equal(3, periods[^1].GetProperty("backlog").GetInt32());

        var monthly = await ManagerGetAsync($"/api/v1/reports/flow?{November}&inquirerType=company");
        var month = Assert.Single(monthly.GetProperty("periods").EnumerateArray());
        Assert.Equal(3, month.GetProperty("opened").GetInt32());
        Assert.Equal(1, month.GetProperty("backlog").GetInt32());
    }

    [Theory]
    [InlineData(November + "&interval=week")]
    [InlineData("from=2026-11-04&to=2026-11-30&interval=week")]
    [InlineData("from=2026-11-06&to=2026-12-31")]
    public async Task Flow_without_filters_comes_from_the_day_summary_and_agrees_with_the_report_rows_before_and_after_folding(string range)
    {
        // Without filters the report reads the per-day summary plus its appended deltas; with an inquirer type it reads
        // the report rows. Every case has one type, so the types' reports must add up to the unfiltered one.
        async Task<List<int[]>> PeriodsAsync(string filter) => (await ManagerGetAsync($"/api/v1/reports/flow?{range}{filter}"))
            .GetProperty("periods").EnumerateArray()
            .Select(p => new[] { p.GetProperty("opened").GetInt32(), p.GetProperty("resolved").GetInt32(), p.GetProperty("closed").GetInt32(), p.GetProperty("backlog").GetInt32() })
            .ToList();
        async Task<string> UnfilteredAsync() => string.Join(" ", (await PeriodsAsync("")).Select(p => string.Join(",", p)));
        var byType = new List<List<int[]>>();
        foreach (var type in Enum.GetValues<InquirerType>()) byType.Add(await PeriodsAsync("&inquirerType=" + Wire.Name(type)));
        var summed = string.Join(" ", byType[0].Select((_, i) => string.Join(",", Enumerable.Range(0, 4).Select(k => byType.Sum(t => t[i][k])))));

        var before = await UnfilteredAsync();
        Assert.Equal(summed, before);
        Assert.Contains(before.Split(' '), p => p != "0,0,0,0");

        // Two folds at once (two nodes): every delta lands in the summary exactly once.
        await Task.WhenAll(FoldAsync(), FoldAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.FlowDayDeltas.CountAsync()));
        Assert.Equal(before, await UnfilteredAsync());
    }

    [Theory]
    [InlineData(November)]
    [InlineData("from=2026-11-03&to=2026-11-30")]
    [InlineData("from=2026-11-04&to=2026-12-31")]
    public async Task Speed_without_filters_comes_from_the_all_time_histogram_and_agrees_with_the_report_rows_before_and_after_folding(string range)
    {
        // Without filters, over most of the history, the report reads the all-time histogram minus the cases submitted
        // outside the range (11/03–: A and B on 11/02 are subtracted); with an inquirer type it reads the report rows.
        // Each type's group in the unfiltered report must equal, median and p90 included, that type's own report.
        var expected = new List<string>();
        foreach (var type in Enum.GetValues<InquirerType>())
        {
            var own = await ManagerGetAsync($"/api/v1/reports/speed?{range}&inquirerType={Wire.Name(type)}");
            expected.Add($"{Wire.Name(type)} {own.GetProperty("firstResponse")} {own.GetProperty("resolution")}");
        }
        async Task<List<string>> GroupsAsync() => [.. (await ManagerGetAsync($"/api/v1/reports/speed?{range}")).GetProperty("byInquirerType").EnumerateArray()
            .Select(g => $"{g.GetProperty("key").GetString()} {g.GetProperty("firstResponse")} {g.GetProperty("resolution")}")];

        Assert.Equal(expected, await GroupsAsync());
        // A and B (11/02) are answered: in the histogram, and subtracted again for the ranges that start later.
        Assert.NotEmpty(await app.WithDbAsync(db => ConsultDesk.Features.Reports.SpeedSummary.AllTimeAsync(db, CancellationToken.None).ToListAsync().AsTask()));

        await Task.WhenAll(FoldAsync(), FoldAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.SpeedCellDeltas.CountAsync()));
        Assert.Equal(expected, await GroupsAsync());
    }

    private async Task FoldAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new ConsultDesk.Features.Reports.FoldReportSummaries.Command());
    }

    [Fact]
    public async Task Speed_is_in_desk_hours_across_the_holiday()
    {
        var report = await ManagerGetAsync($"/api/v1/reports/speed?{November}");

        var first = report.GetProperty("firstResponse");
        Assert.Equal(2, first.GetProperty("count").GetInt32());
        Assert.Equal(8.0, first.GetProperty("medianHours").GetDouble());   // A: 7h on Mon, none on the holiday, 1h on Wed
        Assert.Equal(16.5, first.GetProperty("p90Hours").GetDouble());     // B: 1 + 8 + 7.5
        Assert.Equal(1, first.GetProperty("withinSla").GetInt32());
        Assert.Equal(0.5, first.GetProperty("slaAttainment").GetDouble());
        var resolution = report.GetProperty("resolution");
        Assert.Equal(1, resolution.GetProperty("count").GetInt32());
        Assert.Equal(29.0, resolution.GetProperty("medianHours").GetDouble());
        Assert.Equal(1.0, resolution.GetProperty("slaAttainment").GetDouble());

        var one = report.GetProperty("byConsultant").EnumerateArray().Single(g => g.GetProperty("key").GetString() == consultant1.ToString());
        Assert.Equal(2, one.GetProperty("firstResponse").GetProperty("count").GetInt32());
        var types = report.GetProperty("byInquirerType").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!);
        Assert.Equal(8.0, types["company"].GetProperty("firstResponse").GetProperty("medianHours").GetDouble());
        Assert.Equal(16.5, types["municipality"].GetProperty("firstResponse").GetProperty("medianHours").GetDouble());
        Assert.Equal(0, types["worker"].GetProperty("firstResponse").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Funnel_counts_each_stage_reached_per_inquirer_type()
    {
        var report = await ManagerGetAsync($"/api/v1/reports/funnel?{November}");

        int[] Counts(JsonElement funnel) => [.. funnel.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("count").GetInt32())];
        Assert.Equal([5, 2, 1, 0, 0], Counts(report.GetProperty("total")));
        var types = report.GetProperty("byInquirerType").EnumerateArray().ToDictionary(f => f.GetProperty("inquirerType").GetString()!);
        Assert.Equal([3, 2, 1, 0, 0], Counts(types["company"]));
        Assert.Equal([1, 0, 0, 0, 0], Counts(types["municipality"]));
        Assert.Equal([1, 0, 0, 0, 0], Counts(types["worker"]));
        var consultation = report.GetProperty("total").GetProperty("stages")[1];
        Assert.Equal(0.4, consultation.GetProperty("fromIntake").GetDouble());
    }

    [Fact]
    public async Task Geography_counts_per_prefecture_and_type()
    {
        var report = await ManagerGetAsync($"/api/v1/reports/geography?{November}");

        Assert.Equal(5, report.GetProperty("total").GetInt32());
        Assert.Equal(3, report.GetProperty("max").GetInt32());
        var prefectures = report.GetProperty("prefectures").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!);
        Assert.Equal(47, prefectures.Count);
        Assert.Equal(3, prefectures["13"].GetProperty("total").GetInt32());
        Assert.Equal(2, prefectures["13"].GetProperty("byInquirerType").GetProperty("company").GetInt32());
        Assert.Equal(1, prefectures["13"].GetProperty("byInquirerType").GetProperty("worker").GetInt32());
        Assert.Equal("東京都", prefectures["13"].GetProperty("name").GetString());
        Assert.Equal(1, prefectures["01"].GetProperty("total").GetInt32());
        Assert.Equal(1, prefectures["27"].GetProperty("total").GetInt32());
        Assert.Equal(0, prefectures["47"].GetProperty("total").GetInt32());

        var october = await ManagerGetAsync("/api/v1/reports/geography?from=2026-10-01&to=2026-10-31");
        Assert.Equal(0, october.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("caseload")]
    [InlineData("flow")]
    [InlineData("speed")]
    [InlineData("funnel")]
    [InlineData("geography")]
    public async Task Each_report_is_for_supervisors_only(string report)
    {
        using var consultant = await SignInAsync(consultant1Email);
        using var admin = await Staff.AdminAsync(app);
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync($"/api/v1/reports/{report}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync($"/api/v1/reports/{report}.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/reports/{report}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/reports/{report}")).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-13-01")]
    [InlineData("from=2026-11-30&to=2026-11-01")]
    [InlineData("from=2000-01-01&to=2026-11-01")]
    [InlineData("inquirerType=alien")]
    [InlineData("prefectureCode=48")]
    [InlineData("topic=nothing")]
    [InlineData("assignee=someone")]
    [InlineData("interval=day")]
    public async Task Bad_filters_are_a_problem_naming_the_field(string query)
    {
        using var manager = await SignInAsync(managerEmail);
        var response = await manager.GetAsync($"/api/v1/reports/flow?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), problem.ToString());
    }

    [Fact]
    public async Task Report_csv_opens_in_excel_with_the_bom_and_japanese_headers()
    {
        using var manager = await SignInAsync(managerEmail);
        var response = await manager.GetAsync($"/api/v1/reports/geography.csv?{November}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("都道府県コード,都道府県,合計,自治体,企業,働き手,その他", lines[0]);
        Assert.Contains("13,東京都,3,0,2,1,0", lines);
        Assert.Equal(48, lines.Count(l => l.Length > 0));

        using var english = await SignInAsync(managerEmail);
        english.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var flow = await (await english.GetAsync($"/api/v1/reports/flow.csv?{November}")).Content.ReadAsStringAsync();
        Assert.StartsWith("Period start,Period end,Opened,Resolved,Closed,Backlog (end)", flow.TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task The_case_list_exports_with_the_queue_filters()
    {
        using var manager = await SignInAsync(managerEmail);
        var response = await manager.GetAsync("/api/v1/cases.csv?prefectureCode=13&status=new,in-consultation,resolved,closed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("受付番号,状態,相談者区分", lines[0]);
        Assert.Equal([references["A"], references["C"], references["E"]], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("2026-11-02 10:00", lines[1]);

        using var consultant = await SignInAsync(consultant1Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/api/v1/cases.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/v1/cases.csv?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task Rebuilding_the_rows_from_the_cases_gives_the_same_reports()
    {
        var before = (await ManagerGetAsync($"/api/v1/reports/funnel?{November}")).ToString() + (await ManagerGetAsync($"/api/v1/reports/speed?{November}"))
            + (await ManagerGetAsync($"/api/v1/reports/flow?{November}&interval=week"));
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new ConsultDesk.Features.Reports.RebuildReportRows.Command(BatchSize: 2)));
        var after = (await ManagerGetAsync($"/api/v1/reports/funnel?{November}")).ToString() + (await ManagerGetAsync($"/api/v1/reports/speed?{November}"))
            + (await ManagerGetAsync($"/api/v1/reports/flow?{November}&interval=week"));

        Assert.Equal(before, after);
    }
}

[Collection(ReportsSqliteCollection.Name)]
public sealed class SqliteReportTests(ReportsSqliteApp app) : ReportTests(app);

[Collection(ReportsPostgresCollection.Name)]
public sealed class PostgresReportTests(ReportsPostgresApp app) : ReportTests(app);

[CollectionDefinition(Name)]
public sealed class ReportsSqliteCollection : ICollectionFixture<ReportsSqliteApp>
{
    public const string Name = "reports on SQLite";
}

[CollectionDefinition(Name)]
public sealed class ReportsPostgresCollection : ICollectionFixture<ReportsPostgresApp>
{
    public const string Name = "reports on PostgreSQL";
}
