using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.Contains("Dear inquirer,", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("髙橋", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Okinawa", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task An_acknowledgement_repeats_none_of_the_phishing_text_a_visitor_typed()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("phish");
        var body = Infrastructure.Inquiries.Company(email);
        body["organization"]!["name"] = "偽装銀行お客様センター";
        body["contact"]!["familyName"] = "至急確認";
        body["contact"]!["givenName"] = "停止予告";
        body["subject"] = "Your account is suspended: verify at https://evil.example/verify";
        body["message"] = "口座が凍結されました。https://evil.example/phish から今すぐパスワードを入力してください。\nEnter your password now.";
        string[] phishing = ["偽装銀行", "至急確認", "停止予告", "evil.example", "suspended", "口座が凍結", "パスワードを入力", "Enter your password"];

        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var mail = Assert.Single(await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30)));
        var file = Assert.Single(SmtpSink.FilesTo(email));

        // Everything the recipient can see: the raw file (headers, encoded words), and every decoded header and part.
        var raw = await File.ReadAllTextAsync(file);
        var decoded = string.Join("\n", mail.Headers.Select(h => h.Value).Concat(mail.BodyParts.OfType<MimeKit.TextPart>().Select(p => p.Text)));
        foreach (var text in phishing)
        {
            Assert.DoesNotContain(text, raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(text, decoded, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("", mail.To.Mailboxes.Single().Name ?? "");
        Assert.Contains(reference, mail.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"/portal/[A-Za-z0-9_-]{43}", mail.TextBody);
    }

    [Fact]
    public async Task The_per_address_limit_counts_plus_tags_and_case_as_one_address()
    {
        // The default limit is 5 a day per address.
        var local = $"limit-{Guid.NewGuid():N}";
        string[] spellings = [$"{local}+1@example.jp", $"{local.ToUpperInvariant()}+2@EXAMPLE.JP", $"{local}@example.jp", $"{local}+x@Example.jp", $"{local}+y@example.jp"];

        foreach (var spelling in spellings)
            Assert.Equal(HttpStatusCode.Created, (await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker(spelling))).StatusCode);
        var sixth = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker($"{local}+z@example.jp"));
        var otherMailbox = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Worker($"{local}-other+1@example.jp"));

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal("application/problem+json", sixth.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, otherMailbox.StatusCode);
    }

    [Fact]
    public async Task Two_hundred_concurrent_submissions_get_distinct_references_and_one_utf8_acknowledgement_each()
    {
        var emails = Enumerable.Range(0, 200).Select(_ => Infrastructure.Inquiries.UniqueEmail("burst")).ToList();

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
            Assert.Contains("受付番号：" + reference, body.Text, StringComparison.Ordinal);
            Assert.Contains("ご相談者 様", body.Text, StringComparison.Ordinal);
            // The inquirer's own words are never echoed to the address they typed.
            Assert.DoesNotContain("①②③", body.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("髙橋", body.Text, StringComparison.Ordinal);
        }
    }
}
