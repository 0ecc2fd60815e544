using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Admin;

/// <summary>The app mailing a loopback port where, at first, nothing listens: SMTP is down from the start.</summary>
public sealed class SmtpOutageApp() : ConsultDeskAppFactory("Sqlite")
{
    public int SmtpPort { get; } = AppProcess.FreePort();

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:Mail:Smtp:Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["ConsultDesk:Mail:Smtp:Timeout"] = "00:00:05",
        ["ConsultDesk:Mail:Outbox:RetryBaseDelay"] = "00:00:01",
        // Enough attempts that an outage of a few seconds never gives a mail up.
        ["ConsultDesk:Mail:Outbox:MaxAttempts"] = "30",
        ["ConsultDesk:Jobs:SchedulePollingInterval"] = "00:00:01",
    };
}

[CollectionDefinition(Name)]
public sealed class SmtpOutageCollection : ICollectionFixture<SmtpOutageApp>
{
    public const string Name = "app whose SMTP server is down";
}

/// <summary>While SMTP is down, outbox rows wait with backoff and nothing is lost; when it returns, every mail goes out once.</summary>
[Collection(SmtpOutageCollection.Name)]
public sealed class SmtpOutageTests(SmtpOutageApp app)
{
    private sealed record Row(Guid Id, string ToAddress, string MessageId, OutboxStatus Status, int Attempts, string? LastError);

    private Task<List<Row>> RowsAsync(IReadOnlyCollection<string> emails) => app.WithDbAsync(db => db.Outbox.AsNoTracking()
        .Where(m => emails.Contains(m.ToAddress))
        .Select(m => new Row(m.Id, m.ToAddress, m.MessageId, m.Status, m.Attempts, m.LastError))
        .ToListAsync());

    private async Task<List<Row>> WaitForRowsAsync(IReadOnlyCollection<string> emails, Func<List<Row>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await RowsAsync(emails);
            if (done(rows) || DateTime.UtcNow > deadline) return rows;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Mail_waits_while_smtp_is_down_and_goes_out_exactly_once_when_it_returns()
    {
        var emails = Enumerable.Range(0, 6).Select(_ => Infrastructure.Inquiries.UniqueEmail("outage")).ToList();
        using var client = app.CreateClient();
        foreach (var (email, i) in emails.Select((e, i) => (e, i)))
        {
            var response = await Infrastructure.Inquiries.PostAsync(client, i % 2 == 0 ? Infrastructure.Inquiries.Municipality(email) : Infrastructure.Inquiries.Worker(email));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Down: every row has been tried, failed with a recorded error, and waits for its next attempt.
        var waiting = await WaitForRowsAsync(emails, rows => rows.Count == emails.Count && rows.All(r => r.Attempts >= 1 && r.LastError is not null), TimeSpan.FromSeconds(30));
        Assert.Equal(emails.Count, waiting.Count);
        Assert.All(waiting, r =>
        {
            Assert.Equal(OutboxStatus.Pending, r.Status);
            Assert.True(r.Attempts >= 1);
            Assert.StartsWith("SocketException", r.LastError, StringComparison.Ordinal);
        });
        Assert.Empty(SmtpSink.MessagesTo(emails));

        using (var admin = await Staff.AdminAsync(app))
        {
            var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/outbox?status=pending&minAttempts=1&limit=100");
            var ids = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            Assert.Superset(waiting.Select(r => r.Id).ToHashSet(), ids);
            Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/outbox?status=failed")).GetProperty("items").GetArrayLength());
        }

        // Back: a relay on the configured port to the real sink.
        await using var smtp = new TcpForwarder(app.SmtpPort, TestEnvironment.SmtpHost, TestEnvironment.SmtpPort);
        var sent = await WaitForRowsAsync(emails, rows => rows.All(r => r.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(90));
        Assert.All(sent, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        await Task.Delay(1000); // a duplicate, if one were on its way, would arrive now

        var delivered = SmtpSink.MessagesTo(emails);
        Assert.Equal(sent.Select(r => r.MessageId).Order(), delivered.Select(m => m.MessageId).Order());
        Assert.All(delivered.GroupBy(m => m.MessageId), g => Assert.Single(g));
        Assert.True(smtp.Connections >= 1);
    }
}
