using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using ConsultDesk.IntegrationTests.Admin;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Info;

/// <summary>
/// The portal used by the desk (issue 16, item 5): the acknowledgement lists the published policies and guidelines
/// matching the inquiry's topics and party, an admin can take that block out of the template, and the matching query
/// and its public endpoint keep to published policies and guidelines for the party.
/// </summary>
public abstract partial class InfoDeskTests(ConsultDeskAppFactory app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex("name=\"IssuedAt\" value=\"([^\"]+)\"")]
    private static partial Regex IssuedAtValue();

    [GeneratedRegex(@"\{% if policies\.size > 0 %\}.*?\{% endif %\}\n?", RegexOptions.Singleline)]
    private static partial Regex PoliciesBlock();

    private async Task<MimeKit.MimeMessage> SubmitSecurityInquiryAsync()
    {
        using var client = app.CreateClient();
        var email = Infrastructure.Inquiries.UniqueEmail("info-ack");
        var body = Infrastructure.Inquiries.Company(email);
        body["topics"] = new JsonArray("ict-security");
        (await Infrastructure.Inquiries.PostAsync(client, body)).EnsureSuccessStatusCode();
        return Assert.Single(await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_ict_security_inquiry_is_acknowledged_with_the_security_guideline_until_an_admin_removes_the_block()
    {
        var mail = await SubmitSecurityInquiryAsync();
        var text = mail.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("ご相談のテーマに関連する施策・ガイドライン", text, StringComparison.Ordinal);
        Assert.Contains("・テレワークセキュリティガイドライン\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  https?://[^\s]+/info/guideline/telework-security-guideline\n", text);
        var listed = Regex.Matches(text, @"/info/(policy|guideline)/").Count;
        Assert.InRange(listed, 1, 3);

        using var admin = await Staff.AdminAsync(app);
        var template = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mail-templates/acknowledgement/ja");
        Assert.Contains(template.GetProperty("variables").EnumerateArray(), v => v.GetProperty("name").GetString() == "policies");
        var source = template.GetProperty("defaultSource").GetString()!.Replace("\r\n", "\n", StringComparison.Ordinal);
        var withoutBlock = PoliciesBlock().Replace(source, "", 1);
        Assert.NotEqual(source, withoutBlock);
        try
        {
            var saved = await MailTemplateTests.SendAsync(admin, HttpMethod.Put, "/api/v1/mail-templates/acknowledgement/ja", new { source = withoutBlock });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

            var plain = (await SubmitSecurityInquiryAsync()).TextBody!;
            Assert.DoesNotContain("テレワークセキュリティガイドライン", plain, StringComparison.Ordinal);
            Assert.DoesNotContain("/info/", plain, StringComparison.Ordinal);
            Assert.Contains("/portal/", plain, StringComparison.Ordinal);
        }
        finally
        {
            await MailTemplateTests.SendAsync(admin, HttpMethod.Delete, "/api/v1/mail-templates/acknowledgement/ja");
        }
    }

    [Fact]
    public async Task Without_javascript_the_inquiry_form_shows_the_matching_policies_after_a_post_that_keeps_every_value_and_sends_nothing()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/inquiries/company");
        var before = await app.CountCasesAsync();
        var response = await client.PostAsync("/inquiries/company?handler=Policies", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenValue().Match(html).Groups[1].Value,
            ["IssuedAt"] = IssuedAtValue().Match(html).Groups[1].Value,
            ["Website"] = "",
            ["Form.OrganizationName"] = "株式会社テスト施策",
            ["Form.Topics"] = "ict-security",
            ["Form.Subject"] = "在宅勤務の安全対策",
        }));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/info/guideline/telework-security-guideline\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"株式会社テスト施策\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"在宅勤務の安全対策\"", page, StringComparison.Ordinal);
        Assert.Matches("value=\"ict-security\" checked=\"checked\"", page);
        Assert.DoesNotContain("class=\"error-summary\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountCasesAsync());
    }

    [Fact]
    public async Task Matching_keeps_to_published_policies_and_guidelines_for_the_party_most_topics_first_and_the_endpoint_refuses_unknown_topics()
    {
        // Topics no sample item has, so only this test's items can match both.
        string[] both = ["action-declaration", "other"];
        var now = DateTime.UtcNow;
        var policy = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(parties: ["company"], topics: both), now);
        var guideline = await InfoSeed.SeedAsync(app, InfoKind.Guideline, new InfoContent
        {
            Title = $"テスト手引き {InfoSeed.UniqueWord()}", Summary = "テスト用の手引きです。", Body = "本文", Url = "https://example.jp/guide",
            Publisher = "テスト発行元", Edition = "第1版", Parties = [], Topics = both,
        }, now.AddSeconds(1));
        var oneTopic = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(parties: ["company"], topics: ["action-declaration"]), now.AddSeconds(2));
        var draft = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(parties: ["company"], topics: both), now, publish: false);
        var forWorkers = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(parties: ["worker"], topics: both), now);
        var caseStudy = await InfoSeed.SeedAsync(app, InfoKind.CaseStudy, new InfoContent
        {
            Title = $"テスト事例 {InfoSeed.UniqueWord()}", Summary = "事例", Body = "本文", Parties = ["company"], Topics = both, Prefectures = ["13"],
        }, now);

        var forCompany = (await app.WithDbAsync(db => FindMatchingPolicies.Find(db, both, "company", 10, CancellationToken.None))).Select(m => m.Id).ToList();
        var mine = forCompany.Where(id => id == policy || id == guideline || id == oneTopic).ToList();
        Assert.Equal(new[] { policy, guideline, oneTopic }, mine); // two topics before one; a policy before a guideline
        Assert.DoesNotContain(draft, forCompany);
        Assert.DoesNotContain(forWorkers, forCompany);
        Assert.DoesNotContain(caseStudy, forCompany);
        var forWorker = (await app.WithDbAsync(db => FindMatchingPolicies.Find(db, both, "worker", 10, CancellationToken.None))).Select(m => m.Id).ToList();
        Assert.Contains(forWorkers, forWorker);
        Assert.Contains(guideline, forWorker); // names no party: for everyone
        Assert.DoesNotContain(policy, forWorker);

        using var client = app.CreateClient();
        var response = await client.GetAsync("/api/v1/public/info/matching?topic=action-declaration&topic=other&party=company&limit=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var slug = await app.WithDbAsync(db => Task.FromResult(db.InfoItems.Single(i => i.Id == policy).Slug));
        var item = Assert.Single(items, i => i.GetProperty("url").GetString() == $"/info/policy/{slug}");
        Assert.Equal("policy", item.GetProperty("kind").GetString());
        Assert.Equal("厚生労働省", item.GetProperty("source").GetString());
        Assert.StartsWith("テスト施策 ", item.GetProperty("title").GetString(), StringComparison.Ordinal);

        foreach (var bad in new[] { "topic=no-such-topic", "topic=other&party=alien", "topic=other&limit=11" })
        {
            var refused = await client.GetAsync("/api/v1/public/info/matching?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteInfoDeskTests(SqliteApp app) : InfoDeskTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresInfoDeskTests(PostgresApp app) : InfoDeskTests(app);
