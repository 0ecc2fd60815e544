using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConsultDesk.IntegrationTests.Inquiries;

[CollectionDefinition(Name)]
public sealed class CrashCollection
{
    public const string Name = "app processes killed with SIGKILL";
}

/// <summary>Accepted means durable: a 201 survives SIGKILL, and its acknowledgement goes out once after the restart.</summary>
[Collection(CrashCollection.Name)]
public sealed class CrashRecoveryTests
{
    private static Dictionary<string, string> Settings(string dataDirectory, int smtpPort) => new()
    {
        ["ConsultDesk:DataDirectory"] = dataDirectory,
        ["ConsultDesk:Mail:Transport"] = "Smtp",
        ["ConsultDesk:Mail:Smtp:Host"] = TestEnvironment.SmtpHost,
        ["ConsultDesk:Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ConsultDesk:Mail:Smtp:Timeout"] = "00:00:05",
        ["ConsultDesk:Mail:Outbox:LeaseDuration"] = "00:00:03",
        ["ConsultDesk:Mail:Outbox:RetryBaseDelay"] = "00:00:01",
        ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task Killing_the_app_right_after_a_burst_loses_no_case_and_sends_no_second_distinct_mail()
    {
        var data = Directory.CreateTempSubdirectory("consultdesk-crash-").FullName;
        var emails = Enumerable.Range(0, 60).Select(_ => Infrastructure.Inquiries.UniqueEmail("crash")).ToList();
        string[] references;

        await using (var app = await AppProcess.StartAsync(Settings(data, TestEnvironment.SmtpPort)))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            var responses = await Task.WhenAll(emails.Select(e => Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(e))));
            app.Kill();
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            references = await ReferencesOf(responses);
        }

        await using (await AppProcess.StartAsync(Settings(data, TestEnvironment.SmtpPort)))
        {
            var mails = await SmtpSink.WaitForAsync(emails, TimeSpan.FromSeconds(60));
            Assert.Equal(references.Order(), StoredReferences(data, references).Order());
            AcknowledgementAssertions.ExactlyOneDistinctAcknowledgementPerCase(mails, references, resendAllowed: true);
        }
    }

    [Fact]
    public async Task Mail_committed_but_not_yet_sent_when_the_app_dies_is_delivered_once_after_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("consultdesk-crash-").FullName;
        var emails = Enumerable.Range(0, 20).Select(_ => Infrastructure.Inquiries.UniqueEmail("unsent")).ToList();
        var deadPort = AppProcess.FreePort(); // nothing listens here: every send attempt fails before the crash
        string[] references;

        await using (var app = await AppProcess.StartAsync(Settings(data, deadPort)))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            var responses = await Task.WhenAll(emails.Select(e => Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(e))));
            await Task.Delay(500);
            app.Kill();
            references = await ReferencesOf(responses);
        }
        Assert.Equal(20, PendingOutboxRows(data));
        Assert.Empty(SmtpSink.MessagesTo(emails));

        await using (await AppProcess.StartAsync(Settings(data, TestEnvironment.SmtpPort)))
        {
            var mails = await SmtpSink.WaitForAsync(emails, TimeSpan.FromSeconds(60));
            AcknowledgementAssertions.ExactlyOneDistinctAcknowledgementPerCase(mails, references, resendAllowed: true);
        }
    }

    private static async Task<string[]> ReferencesOf(IEnumerable<HttpResponseMessage> responses) =>
        await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!));

    private static List<string> StoredReferences(string data, IReadOnlyCollection<string> references)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "consultdesk.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Reference\" FROM \"Cases\"";
        using var reader = command.ExecuteReader();
        var found = new List<string>();
        while (reader.Read()) found.Add(reader.GetString(0));
        return found.Where(references.Contains).ToList();
    }

    private static long PendingOutboxRows(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "consultdesk.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"OutboxMails\" WHERE \"Status\" = 'pending'";
        return (long)command.ExecuteScalar()!;
    }
}
