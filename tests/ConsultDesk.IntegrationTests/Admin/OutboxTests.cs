using ConsultDesk.Common.Queries;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Admin;

/// <summary>Admins see mail that did not go out, and a retry of a failed mail delivers that very message once.</summary>
public abstract class OutboxTests(ConsultDeskAppFactory app)
{
    private async Task<(Guid CaseId, string Reference, string Email)> SubmitDeliveredAsync()
    {
        using var client = app.CreateClient();
        var email = Infrastructure.Inquiries.UniqueEmail("retry");
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Company(email));
        response.EnsureSuccessStatusCode();
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        Assert.Single(await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30)));
        var caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync());
        return (caseId, reference, email);
    }

    /// <summary>A mail the dispatcher gave up on, as it would leave it after a permanent SMTP refusal.</summary>
    private Task<OutboxMail> AddFailedMailAsync(Guid caseId, string email, DateTime createdAt) => app.WithDbAsync(async db =>
    {
        var mail = OutboxMail.Create(caseId, "reply", new RenderedMail("再送テスト", "再送テストの本文"), email, "髙橋 𠮷子", "consultdesk.example.jp", createdAt);
        mail.MarkAttemptFailed("SmtpCommandException 550 RecipientNotAccepted", permanent: true, maxAttempts: 8, TimeSpan.FromSeconds(30), createdAt);
        db.Outbox.Add(mail);
        await db.SaveChangesAsync();
        return mail;
    });

    /// <summary>Whether the startup step clears leases left by a dead process (SQLite: one process per file).</summary>
    protected abstract bool ReleasesStaleLeasesAtStartup { get; }

    [Fact]
    public async Task A_lease_left_by_a_dead_process_is_released_at_startup_on_sqlite_and_kept_until_it_lapses_on_postgres()
    {
        // A pending mail held for a day by a process that no longer exists (its lease written with the row, so no
        // dispatch run can take it first).
        var email = Infrastructure.Inquiries.UniqueEmail("stale-lease");
        var deadLease = DateTime.UtcNow.AddDays(1);
        var id = await app.WithDbAsync(async db =>
        {
            var mail = OutboxMail.Create(null, "reply", new RenderedMail("リース", "リースの本文"), email, null, "consultdesk.example.jp", DateTime.UtcNow);
            db.Outbox.Add(mail);
            db.Entry(mail).Property(m => m.LeasedUntil).CurrentValue = deadLease;
            db.Entry(mail).Property(m => m.LeaseOwner).CurrentValue = Guid.NewGuid();
            await db.SaveChangesAsync();
            return mail.Id;
        });

        await new Web.Hosting.SqliteLeaseRecovery(app.Services,
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsultDesk.Common.ConsultDeskOptions>>(app.Services),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Web.Hosting.SqliteLeaseRecovery>.Instance).StartAsync(CancellationToken.None);
        // What the app's startup does next (JobSchedules); without it only the minute sweep would look, which can
        // come after the wait below (it did in a full run).
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConsultDesk.Mail.IOutboxSignal>(app.Services).MailQueued();

        var leased = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Id == id).Select(m => m.LeasedUntil).SingleAsync());
        if (ReleasesStaleLeasesAtStartup)
        {
            // Released: the running dispatcher may already hold a lease of its own on it, but never the dead one's day.
            Assert.True(leased is null || leased < deadLease.AddHours(-1), $"still leased until {leased:O}");
            Assert.Single(await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30)));   // and it goes out
        }
        else
        {
            Assert.Equal(deadLease, leased!.Value, TimeSpan.FromSeconds(1));   // another node may still be sending it
            Assert.Empty(SmtpSink.MessagesTo([email]));
        }
    }

    private static IReadOnlyList<MimeKit.MimeMessage> Delivered(string email, string messageId) =>
        SmtpSink.MessagesTo([email]).Where(m => m.MessageId == messageId).ToList();

    [Fact]
    public async Task Retrying_a_failed_mail_delivers_it_once_and_records_the_retry_on_the_case()
    {
        var (caseId, reference, email) = await SubmitDeliveredAsync();
        var failed = await AddFailedMailAsync(caseId, email, DateTime.UtcNow);
        using var admin = await Staff.AdminAsync(app);

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/outbox?status=failed&limit=100");
        var item = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == failed.Id);
        Assert.Equal("re***@example.jp", item.GetProperty("to").GetString());
        Assert.Equal(reference, item.GetProperty("caseReference").GetString());
        Assert.Equal("reply", item.GetProperty("kind").GetString());
        Assert.Equal("failed", item.GetProperty("status").GetString());
        Assert.Equal(1, item.GetProperty("attempts").GetInt32());
        Assert.Equal("SmtpCommandException 550 RecipientNotAccepted", item.GetProperty("lastError").GetString());
        Assert.DoesNotContain(email, await (await admin.GetAsync("/api/v1/outbox?status=failed&limit=100")).Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var retried = await admin.PostAsync($"/api/v1/outbox/{failed.Id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Delivered(email, failed.MessageId).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(250);
        await Task.Delay(1000); // a second delivery, if there were one, would follow at once
        Assert.Single(Delivered(email, failed.MessageId));
        var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed.Id));
        Assert.Equal(OutboxStatus.Sent, row.Status);

        var again = await admin.PostAsync($"/api/v1/outbox/{failed.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var timeline = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}")).GetProperty("timeline").EnumerateArray()
            .Select(t => t.GetProperty("type").GetString()).ToList();
        Assert.Single(timeline, t => t == "mail-retried");
    }

    [Fact]
    public async Task Retrying_an_unknown_mail_is_404()
    {
        using var admin = await Staff.AdminAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/outbox/{Guid.CreateVersion7()}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Failed_mail_pages_newest_first_without_gaps_or_repeats()
    {
        var (caseId, _, email) = await SubmitDeliveredAsync();
        var start = new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc); // later than anything else in the shared database
        var ids = new List<Guid>();
        foreach (var offset in new[] { 0, 1, 1, 1, 2 }) // equal times make the id break the tie
            ids.Add((await AddFailedMailAsync(caseId, email, start.AddMinutes(offset))).Id);
        using var admin = await Staff.AdminAsync(app);

        var seen = new List<Guid>();
        string? cursor = null;
        for (var page = 0; page < 3; page++)
        {
            var json = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/outbox?status=failed&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = json.GetProperty("nextCursor").GetString();
        }

        Assert.Equal(5, seen.Take(5).Distinct().Count());
        Assert.Equal(ids.ToHashSet(), seen.Take(5).ToHashSet());
        Assert.Equal(ids[4], seen[0]);
        Assert.Equal(ids[0], seen[4]);
        // Retried rows leave the failed list: clean up so other tests see only their own rows.
        foreach (var id in ids) await admin.PostAsync($"/api/v1/outbox/{id}/retry", null);
    }

    [Fact]
    public async Task Bad_list_parameters_are_validation_problems()
    {
        using var admin = await Staff.AdminAsync(app);

        foreach (var query in new[] { "status=sent", "limit=0", "limit=abc", "minAttempts=-1", "cursor=not-a-cursor" })
        {
            var response = await admin.GetAsync($"/api/v1/outbox?{query}");
            Assert.Equal((query, HttpStatusCode.BadRequest), (query, response.StatusCode));
        }
    }

    [Fact]
    public async Task The_outbox_list_reads_the_dispatchers_status_index()
    {
        AssertUsesIndex(await ExplainListAsync());
    }

    protected abstract Task<string> ExplainListAsync();

    protected abstract void AssertUsesIndex(string plan);

    protected async Task<string> ExplainAsync(string sql, string? setup = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            if (setup is not null)
            {
                await using var set = connection.CreateCommand();
                set.Transaction = transaction;
                set.CommandText = setup;
                await set.ExecuteNonQueryAsync();
            }
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
            return string.Join("\n", lines);
        });
    }

    // The same shape as ListOutbox's query for failed mail.
    protected const string ListSql = """SELECT "Id" FROM "OutboxMails" WHERE "Status" = 'failed' ORDER BY "NextAttemptAt" DESC, "Id" DESC LIMIT 51""";
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOutboxTests(SqliteApp app) : OutboxTests(app)
{
    protected override bool ReleasesStaleLeasesAtStartup => true;

    protected override Task<string> ExplainListAsync() => ExplainAsync("EXPLAIN QUERY PLAN " + ListSql);

    protected override void AssertUsesIndex(string plan) => Assert.Contains("IX_OutboxMails_Status_NextAttemptAt", plan, StringComparison.Ordinal);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxTests(PostgresApp app) : OutboxTests(app)
{
    protected override bool ReleasesStaleLeasesAtStartup => false;

    // A test database is tiny, so the planner would rightly prefer a sequential scan; forbidding it shows the index applies.
    protected override Task<string> ExplainListAsync() => ExplainAsync("EXPLAIN " + ListSql, "SET LOCAL enable_seqscan = off");

    protected override void AssertUsesIndex(string plan) => Assert.Contains("IX_OutboxMails_Status_NextAttemptAt", plan, StringComparison.Ordinal);

    [Fact]
    public async Task A_page_position_is_a_row_comparison_as_in_the_queue()
    {
        // The same condition as the queue's pages (KeysetPredicate): one range of the index instead of two bitmap scans
        // and a sort of every row that shares the time.
        var at = new DateTime(2026, 12, 8, 8, 0, 0, DateTimeKind.Utc);
        var sql = await app.WithDbAsync(db => Task.FromResult(db.Outbox.Where(m => m.Status == OutboxStatus.Failed)
            .After(m => m.NextAttemptAt, m => m.Id, at, Guid.NewGuid(), descending: true, rowValues: true)
            .OrderByDescending(m => m.NextAttemptAt).ThenByDescending(m => m.Id).Select(m => m.Id).ToQueryString()));

        Assert.Contains("(o.\"NextAttemptAt\", o.\"Id\") < (@", sql, StringComparison.Ordinal);
        Assert.DoesNotContain(" OR ", sql, StringComparison.Ordinal);
    }
}
