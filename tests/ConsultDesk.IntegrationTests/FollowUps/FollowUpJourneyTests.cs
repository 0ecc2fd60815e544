using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Inquiries;
using MimeKit;
using Npgsql;

namespace ConsultDesk.IntegrationTests.FollowUps;

/// <summary>
/// The follow-up journeys end to end, as an operator would see them with short delays configured: the real app as
/// its own process (so it can be killed), Hangfire scheduling, the outbox and the real SMTP sink.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class FollowUpJourneyTests
{
    private const string AdminEmail = "journey-admin@consultdesk.test";
    private const string AdminPassword = "Journey-Admin-2026";

    private static Dictionary<string, string> Settings(string dataDirectory, string provider = "Sqlite", string? connectionString = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConsultDesk:DataDirectory"] = dataDirectory,
            ["ConsultDesk:PublicBaseUrl"] = "https://desk.example.jp",
            ["ConsultDesk:Database:Provider"] = provider,
            ["ConsultDesk:Mail:Transport"] = "Smtp",
            ["ConsultDesk:Mail:Smtp:Host"] = TestEnvironment.SmtpHost,
            ["ConsultDesk:Mail:Smtp:Port"] = TestEnvironment.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConsultDesk:Mail:Outbox:LeaseDuration"] = "00:00:03",
            ["ConsultDesk:Mail:Outbox:RetryBaseDelay"] = "00:00:01",
            ["ConsultDesk:Jobs:SchedulePollingInterval"] = "00:00:01",
            ["ConsultDesk:FollowUps:ConsultationFollowUp:Delay"] = "00:00:04",
            ["ConsultDesk:FollowUps:WaitingReminder1:Delay"] = "00:00:04",
            ["ConsultDesk:FollowUps:WaitingReminder2:Delay"] = "00:00:08",
            ["ConsultDesk:FollowUps:WaitingAutoClose:Delay"] = "00:00:12",
            ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "100000",
            ["ConsultDesk:Auth:SignInsPerIpPerMinute"] = "100000",
            ["ConsultDesk:Bootstrap:AdminEmail"] = AdminEmail,
            ["ConsultDesk:Bootstrap:AdminPassword"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (connectionString is not null) settings["ConnectionStrings:ConsultDesk"] = connectionString;
        return settings;
    }

    [Fact]
    public Task A_consultation_follow_up_then_reminders_and_an_automatic_close_arrive_once_each_on_sqlite() =>
        RunJourneyAsync(Settings(Directory.CreateTempSubdirectory("consultdesk-journey-").FullName));

    [Fact]
    public async Task A_consultation_follow_up_then_reminders_and_an_automatic_close_arrive_once_each_on_postgres()
    {
        var database = $"consultdesk_journey_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString) { Database = database }.ToString();
        try
        {
            await RunJourneyAsync(Settings(Directory.CreateTempSubdirectory("consultdesk-journey-").FullName, "Postgres", connection));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task RunJourneyAsync(Dictionary<string, string> settings)
    {
        await using var app = await AppProcess.StartAsync(settings);
        using var client = await AdminClientAsync(app);
        var email = Infrastructure.Inquiries.UniqueEmail("journey");
        var reference = await SubmitAndClaimAsync(client, email);

        var recordedAt = DateTime.UtcNow;
        var consultation = await client.PostAsJsonAsync($"/api/v1/cases/{reference}/consultations", new
        {
            channel = "online-meeting", startsAt = DateTimeOffset.UtcNow.AddMinutes(-45), durationMinutes = 45, // ends as it is recorded
            attendees = "佐藤様", summary = "サテライトオフィスの相談", nextSteps = "① 候補地の資料を送付\n② 現地視察の日程調整",
        });
        Assert.Equal(HttpStatusCode.OK, consultation.StatusCode);

        var followUp = await WaitForSubjectAsync(email, "個別相談のお礼", TimeSpan.FromSeconds(40));
        Assert.True(followUp.Date.UtcDateTime >= recordedAt.AddSeconds(3), "The follow-up must wait for its configured delay.");
        Assert.Contains("① 候補地の資料を送付\n② 現地視察の日程調整", Text(followUp));
        Assert.Null(followUp.Headers[HeaderId.ListUnsubscribe]);

        Assert.Equal(HttpStatusCode.OK, (await Transition(client, reference, "triaged")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Transition(client, reference, "waiting-on-inquirer")).StatusCode);

        var closing = await WaitForSubjectAsync(email, "対応終了のお知らせ", TimeSpan.FromSeconds(60));
        var mails = SmtpSink.MessagesTo([email]);
        var reminders = mails.Where(m => (m.Subject ?? "").Contains("ご返信のお願い", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Single(reminders, r => (r.Subject ?? "").Contains("（再送）", StringComparison.Ordinal));
        Assert.All(reminders, reminder =>
        {
            Assert.Contains("<https://desk.example.jp/unsubscribe/", reminder.Headers[HeaderId.ListUnsubscribe]);
            Assert.Contains($"mailto:desk@consultdesk.example.jp?subject=unsubscribe%20{reference}", reminder.Headers[HeaderId.ListUnsubscribe]);
            Assert.Equal("List-Unsubscribe=One-Click", reminder.Headers["List-Unsubscribe-Post"]);
        });
        Assert.Null(closing.Headers[HeaderId.ListUnsubscribe]);
        Assert.Contains("https://desk.example.jp/portal/", Text(closing));
        // Acknowledgement, follow-up, two reminders, closing notice: five distinct mails, each delivered once.
        Assert.Equal(5, mails.Count);
        Assert.Equal(5, mails.Select(m => m.MessageId).Distinct().Count());

        var @case = await (await client.GetAsync($"/api/v1/cases/{reference}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("closed", @case.GetProperty("status").GetString());
        Assert.Equal("no-response", @case.GetProperty("closeReason").GetString());
        var types = @case.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("type").GetString()).ToList();
        Assert.Equal(4, types.Count(t => t == "follow-up-sent"));

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(5, SmtpSink.MessagesTo([email]).Count);
    }

    [Fact]
    public async Task Killing_the_app_in_the_middle_of_journeys_delivers_every_due_mail_once_after_the_restart()
    {
        var settings = Settings(Directory.CreateTempSubdirectory("consultdesk-journey-crash-").FullName);
        var emails = Enumerable.Range(0, 6).Select(_ => Infrastructure.Inquiries.UniqueEmail("journey-crash")).ToList();
        var references = new List<string>();

        await using (var app = await AppProcess.StartAsync(settings))
        {
            using var client = await AdminClientAsync(app);
            foreach (var email in emails)
            {
                var reference = await SubmitAndClaimAsync(client, email);
                Assert.Equal(HttpStatusCode.OK, (await Transition(client, reference, "triaged")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await Transition(client, reference, "waiting-on-inquirer")).StatusCode);
                references.Add(reference);
            }
            // The first reminders (4 s) are due or going out; the second ones and the closes are still ahead.
            await Task.Delay(TimeSpan.FromSeconds(5));
            app.Kill();
        }
        await Task.Delay(TimeSpan.FromSeconds(8));

        await using (var app = await AppProcess.StartAsync(settings))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline && SmtpSink.MessagesTo(emails).Count(m => (m.Subject ?? "").Contains("対応終了", StringComparison.Ordinal)) < emails.Count)
                await Task.Delay(500);
        }

        foreach (var (email, reference) in emails.Zip(references))
        {
            var mails = SmtpSink.MessagesTo([email]);
            // A crash may make SMTP see one message twice, but always as the same Message-ID: the inquirer's client shows one mail.
            var distinct = mails.GroupBy(m => m.MessageId).Select(g => g.First()).ToList();
            Assert.Equal(4, distinct.Count);
            Assert.Single(distinct, m => (m.Subject ?? "").Contains("お問い合わせを受け付けました", StringComparison.Ordinal));
            Assert.Equal(2, distinct.Count(m => (m.Subject ?? "").Contains("ご返信のお願い", StringComparison.Ordinal)));
            Assert.Single(distinct, m => (m.Subject ?? "").Contains("対応終了", StringComparison.Ordinal) && (m.Subject ?? "").Contains(reference, StringComparison.Ordinal));
        }
    }

    private static async Task<HttpClient> AdminClientAsync(AppProcess app)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Staff.TokenAsync(client, AdminEmail, AdminPassword));
        return client;
    }

    private static async Task<string> SubmitAndClaimAsync(HttpClient client, string email)
    {
        var submitted = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(email));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/cases/{reference}/claim", null)).StatusCode);
        return reference;
    }

    private static Task<HttpResponseMessage> Transition(HttpClient client, string reference, string to) =>
        client.PostAsJsonAsync($"/api/v1/cases/{reference}/transitions", new { to });

    private static async Task<MimeMessage> WaitForSubjectAsync(string email, string subjectPart, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = SmtpSink.MessagesTo([email]).FirstOrDefault(m => (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal));
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail with '{subjectPart}' arrived in {timeout}.");
            await Task.Delay(250);
        }
    }

    private static string Text(MimeMessage message) => (message.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
}
