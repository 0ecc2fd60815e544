using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Inquiries;

[Collection(PostgresCollection.Name)]
public sealed class PostgresIntakeTests(PostgresApp app)
{
    private readonly HttpClient client = app.CreateClient();

    [Fact]
    public async Task Two_hundred_concurrent_submissions_on_postgres_get_distinct_references_and_are_all_acknowledged()
    {
        var emails = Enumerable.Range(0, 200).Select(_ => Infrastructure.Inquiries.UniqueEmail("pg")).ToList();

        var writer = app.Services.GetRequiredService<ConsultDesk.Features.Inquiries.IntakeWriter>();
        var committedBefore = writer.Queue.Committed;

        var responses = await Task.WhenAll(emails.Select(e => Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(e))));

        // Group commit: the concurrent intakes shared transactions instead of one commit each.
        var committed = (Batches: writer.Queue.Committed.Batches - committedBefore.Batches, Items: writer.Queue.Committed.Items - committedBefore.Items);
        Assert.True(committed.Items >= 200, $"{committed.Items} intakes committed by the writer");
        Assert.True(committed.Batches < committed.Items, $"{committed.Items} intakes took {committed.Batches} transactions");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var references = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!));
        Assert.Equal(200, references.Distinct().Count());
        var stored = await app.WithDbAsync(db => db.Cases.Where(c => references.Contains(c.Reference)).CountAsync());
        Assert.Equal(200, stored);

        var mails = await SmtpSink.WaitForAsync(emails, TimeSpan.FromSeconds(90));
        AcknowledgementAssertions.ExactlyOneDistinctAcknowledgementPerCase(mails, references);
    }

    [Fact]
    public async Task Rejected_input_on_postgres_stores_nothing()
    {
        var before = await app.CountCasesAsync();
        var body = Infrastructure.Inquiries.Company();
        body["contact"]!["familyName"] = "山田\r\nBcc: x@example.com";

        var response = await Infrastructure.Inquiries.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.CountCasesAsync());
    }

    [Fact]
    public async Task Each_party_is_accepted_on_postgres()
    {
        foreach (var body in new[] { Infrastructure.Inquiries.Municipality(), Infrastructure.Inquiries.Company(), Infrastructure.Inquiries.Worker() })
        {
            var response = await Infrastructure.Inquiries.PostAsync(client, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }
}
