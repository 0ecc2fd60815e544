using System.Globalization;
using System.Net;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Operations;

/// <summary>A Prometheus text scrape, read the way a query would: the sum of a metric's series matching some labels.</summary>
internal sealed class Scrape(string text)
{
    public string Text => text;

    private IEnumerable<(string Series, double Value)> Series(string name) =>
        text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(line => (line[..line.LastIndexOf(' ')], double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)));

    public bool Has(string name) => Series(name).Any();

    /// <summary>The sum over the series whose labels contain every given <c>label="value"</c>; 0 when there is none.</summary>
    public double Sum(string name, params string[] labels) =>
        Series(name).Where(s => labels.All(l => s.Series.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

    public static async Task<Scrape> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "a scrape is never cached");
        return new Scrape(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// The outbox figures move during a burst: mails a dead node had leased two days ago wait (pending, oldest age two
/// days), then their lease lapses and a burst of submissions wakes the dispatcher, and the gauges fall while the sent
/// counter rises. Both databases: the gauges are a query.
/// </summary>
public abstract class MetricsTests(ConsultDeskAppFactory app)
{
    [Fact]
    public async Task An_admin_scrape_shows_outbox_mail_waiting_then_going_out_and_the_request_durations()
    {
        using var admin = await Staff.AdminAsync(app);
        var before = await Scrape.ReadAsync(admin);
        var sentBefore = before.Sum("consultdesk_outbox_sent_total");

        // Five mails leased by a node that then died, two days ago: pending, and not anyone's to send until the lease lapses.
        var leased = Enumerable.Range(0, 5).Select(_ => Infrastructure.Inquiries.UniqueEmail("metrics")).ToList();
        var now = DateTime.UtcNow;
        var ids = await app.WithDbAsync(async db =>
        {
            var mails = leased.Select(to => OutboxMail.Create(null, "metrics-test", new RenderedMail("件名", "本文"), to, null, "consultdesk.test", now.AddDays(-2))).ToList();
            foreach (var mail in mails)
            {
                db.Outbox.Add(mail);
                db.Entry(mail).Property(m => m.LeasedUntil).CurrentValue = now.AddHours(1);
                db.Entry(mail).Property(m => m.LeaseOwner).CurrentValue = Guid.NewGuid();
            }
            await db.SaveChangesAsync();
            return mails.Select(m => m.Id).ToList();
        });

        var held = await Scrape.ReadAsync(admin);
        var pendingHeld = held.Sum("consultdesk_outbox_pending");
        Assert.True(pendingHeld >= 5, $"pending {pendingHeld}");
        Assert.True(held.Sum("consultdesk_outbox_oldest_pending_age_seconds") >= 2 * 86400 - 120, held.Sum("consultdesk_outbox_oldest_pending_age_seconds").ToString(CultureInfo.InvariantCulture));

        // The lease lapses; a burst of three submissions wakes the dispatcher, which takes them all.
        await app.WithDbAsync(db => db.Outbox.Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, now.AddSeconds(-1))));
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker())).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        Scrape after;
        do
        {
            await Task.Delay(250);
            after = await Scrape.ReadAsync(admin);
        }
        while ((after.Sum("consultdesk_outbox_oldest_pending_age_seconds") >= 86400 || after.Sum("consultdesk_outbox_sent_total") < sentBefore + 8)
               && DateTime.UtcNow < deadline);

        Assert.True(after.Sum("consultdesk_outbox_oldest_pending_age_seconds") < 86400, "the two-day-old mail went out");
        Assert.True(after.Sum("consultdesk_outbox_pending") <= pendingHeld - 5, $"pending {after.Sum("consultdesk_outbox_pending")} after {pendingHeld}");
        Assert.True(after.Sum("consultdesk_outbox_sent_total") >= sentBefore + 8, $"sent {after.Sum("consultdesk_outbox_sent_total")} from {sentBefore}");
        Assert.True(after.Sum("consultdesk_outbox_sent_total", "kind=\"metrics-test\"") >= 5);
        Assert.Equal(leased.Count, (await SmtpSink.WaitForAsync(leased, TimeSpan.FromSeconds(5))).Count);

        // Request durations: ASP.NET Core's histogram, labelled by route template, never by path or client.
        Assert.True(after.Sum("http_server_request_duration_seconds_count", "http_route=\"/api/v1/inquiries\"", "http_response_status_code=\"201\"") >= 3);
        Assert.True(after.Has("http_server_request_duration_seconds_bucket"));
        Assert.DoesNotContain("@example.jp", after.Text, StringComparison.Ordinal);
        // The other figures are there too: follow-ups due, Hangfire's queues, the runtime.
        Assert.True(after.Has("consultdesk_followups_due"));
        Assert.True(after.Has("consultdesk_hangfire_failed"));
        Assert.True(after.Has("dotnet_gc_heap_total_allocated_bytes_total"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMetricsTests(SqliteApp app) : MetricsTests(app)
{
    [Fact]
    public async Task Metrics_are_hidden_from_the_anonymous_and_forbidden_to_staff_who_are_not_admins()
    {
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics")).StatusCode);

        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        using (consultant)
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/metrics")).StatusCode);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMetricsTests(PostgresApp app) : MetricsTests(app);

[Collection(ProxiedCollection.Name)]
public sealed class ScraperAddressTests(ProxiedApp app)
{
    [Fact]
    public async Task A_configured_scraper_address_reads_the_metrics_without_signing_in_but_a_client_behind_the_proxy_does_not()
    {
        using var client = app.CreateClient();
        // 127.0.0.1 is a configured scraper: no sign-in needed.
        var scrape = await Scrape.ReadAsync(client);
        Assert.True(scrape.Has("consultdesk_outbox_pending"));

        // Through the known proxy, the forwarded client is the one checked: in the scraper network, or not.
        Assert.Equal(HttpStatusCode.OK, await GetAsAsync(client, "198.51.100.20"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsAsync(client, "203.0.113.9"));
    }

    internal static async Task<HttpStatusCode> GetAsAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

[Collection(UnproxiedCollection.Name)]
public sealed class SpoofedScraperAddressTests(UnproxiedApp app)
{
    [Fact]
    public async Task With_no_known_proxy_a_forwarded_scraper_address_is_not_believed()
    {
        using var client = app.CreateClient();
        // 203.0.113.10 is a configured scraper, but nobody vouches for the header: the loopback client is refused.
        Assert.Equal(HttpStatusCode.NotFound, await ScraperAddressTests.GetAsAsync(client, "203.0.113.10"));
    }
}

[Collection(StrictPortalCollection.Name)]
public sealed class MetricsDisabledTests(StrictPortalApp app)
{
    [Fact]
    public async Task Turned_off_there_is_no_metrics_endpoint_even_for_an_admin()
    {
        using var admin = await Staff.AdminAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/metrics")).StatusCode);
    }
}
