using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Inquiries;

[Collection(SqliteCollection.Name)]
public sealed class SubmitInquiryTests(SqliteApp app)
{
    private readonly HttpClient client = app.CreateClient();

    public static TheoryData<string> Parties => new() { "municipality", "company", "worker" };

    [Theory]
    [MemberData(nameof(Parties))]
    public async Task A_valid_inquiry_of_each_party_is_stored_and_answered_with_201(string party)
    {
        var body = party switch { "municipality" => Infrastructure.Inquiries.Municipality(), "company" => Infrastructure.Inquiries.Company(), _ => Infrastructure.Inquiries.Worker() };

        var response = await Infrastructure.Inquiries.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reference = json.GetProperty("reference").GetString()!;
        Assert.Matches(@"^CD-\d{4}-\d{6}$", reference);
        Assert.Equal($"CD-{DateTime.UtcNow.AddHours(9).Year}", reference[..7]);
        Assert.Equal("new", json.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/cases/{reference}", response.Headers.Location!.OriginalString);

        var stored = await app.WithDbAsync(db => db.Cases.Include(c => c.Topics).SingleAsync(c => c.Reference == reference));
        Assert.Equal(CaseStatus.New, stored.Status);
        Assert.Equal("タカハシ", stored.FamilyNameKana);
        Assert.Equal("ヨシコ", stored.GivenNameKana);
        Assert.Equal("09012345678", stored.Phone);
        Assert.Equal("𠮷子", stored.GivenName);
        Assert.Equal(2, stored.Topics.Count);
        var outbox = await app.WithDbAsync(db => db.Outbox.Where(o => o.CaseId == stored.Id).CountAsync());
        Assert.Equal(1, outbox);
    }

    [Fact]
    public async Task Company_kana_is_normalised_and_slots_are_kept_in_utc()
    {
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Company());
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();

        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Reference == reference));
        Assert.Equal("サンプル", stored.OrganizationNameKana);
        Assert.Equal(new DateTime(2099, 4, 1, 1, 0, 0, DateTimeKind.Utc), stored.PreferredSlots.Single().StartsAt);
        Assert.Equal(120, stored.Employees);
    }

    [Fact]
    public async Task An_english_inquirer_gets_the_acknowledgement_in_english()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("english");

        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker(email));
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();
        var mail = Assert.Single(await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30)));

        Assert.Equal($"[Regional Revitalisation Telework Desk] We have received your inquiry ({reference})", mail.Subject);
        Assert.Contains("Dear 𠮷子 髙橋", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task Two_hundred_concurrent_submissions_get_distinct_references_and_one_utf8_acknowledgement_each()
    {
        var emails = Enumerable.Range(0, 200).Select(_ => Infrastructure.Inquiries.UniqueEmail("burst")).ToList();

        var responses = await Task.WhenAll(emails.Select(e => Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(e))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var references = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!));
        Assert.Equal(200, references.Distinct().Count());

        var mails = await SmtpSink.WaitForAsync(emails, TimeSpan.FromSeconds(60));
        AcknowledgementAssertions.ExactlyOneDistinctAcknowledgementPerCase(mails, references);
    }
}

public static class AcknowledgementAssertions
{
    /// <summary>
    /// Every reference has mail, all of a case's deliveries carry one Message-ID (a resend is allowed, a second
    /// distinct message is not), and the Japanese text survived as UTF-8.
    /// </summary>
    public static void ExactlyOneDistinctAcknowledgementPerCase(IReadOnlyList<MimeKit.MimeMessage> mails, IReadOnlyCollection<string> references,
        bool resendAllowed = false)
    {
        var byReference = mails.GroupBy(m => m.Headers["X-ConsultDesk-Reference"] ?? "").ToDictionary(g => g.Key, g => g.ToList());
        foreach (var reference in references)
        {
            Assert.True(byReference.TryGetValue(reference, out var forCase) && forCase is not null, $"No acknowledgement arrived for {reference}.");
            Assert.Single(forCase.Select(m => m.MessageId).Distinct());
            // Without a crash nothing is even resent; after one, a resend can only repeat the same message.
            if (!resendAllowed) Assert.Single(forCase);
            var mail = forCase[0];
            Assert.Contains(reference, mail.Subject, StringComparison.Ordinal);
            var body = Assert.IsType<MimeKit.TextPart>(mail.Body);
            Assert.Equal("utf-8", body.ContentType.Charset, ignoreCase: true);
            Assert.Contains("①②③", body.Text, StringComparison.Ordinal);
            Assert.Contains("㈱サンプルの髙橋", body.Text, StringComparison.Ordinal);
            Assert.Contains("𠮷", body.Text, StringComparison.Ordinal);
            Assert.Contains("髙橋 𠮷子 様", body.Text, StringComparison.Ordinal);
        }
    }
}
