using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Matching;

public abstract class MatchingTests(ConsultDeskAppFactory app)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<Guid> ProposeAsync(HttpClient consultant, string reference, string code)
    {
        var response = await consultant.PostAsJsonAsync($"/api/v1/cases/{reference}/matches", new { municipalityCode = code, note = "北陸で 10 席を探している" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> AnswerInPortalAsync(ConsultDeskAppFactory app, PortalVisit.Submitted visit, string portalToken, Guid proposalId, bool agree)
    {
        using var client = PortalVisit.NoRedirectClient(app);
        var (html, formToken) = await PortalVisit.OpenAsync(client, $"/portal/{portalToken}");
        Assert.Contains(proposalId.ToString(), html, StringComparison.Ordinal);
        return await PortalVisit.PostAsync(client, $"/portal/{portalToken}?handler=Consent", formToken,
            ("proposalId", proposalId.ToString()), ("agree", agree ? "true" : "false"));
    }

    [Fact]
    public async Task An_introduction_waits_for_the_companys_consent_and_then_mails_both_sides_with_every_step_on_the_timeline()
    {
        var municipality = await MatchingSetup.AddMunicipalityAsync(app, "能登テスト町");
        var (visit, consultant) = await MatchingSetup.CompanyCaseAsync(app);
        var id = await ProposeAsync(consultant, visit.Reference, municipality.Code);
        var matches = $"/api/v1/cases/{visit.Reference}/matches/{id}";

        var early = await consultant.PostAsync($"{matches}/introduction", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("consent-required", (await JsonAsync(early)).GetProperty("code").GetString());

        var request = await consultant.PostAsJsonAsync($"{matches}/consent-request", new { sharedFields = new[] { "email", "organization", "needs" } });
        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal("consent-requested", (await JsonAsync(request)).GetProperty("status").GetString());
        var stillEarly = await consultant.PostAsync($"{matches}/introduction", null);
        Assert.Equal(HttpStatusCode.Conflict, stillEarly.StatusCode);

        var consentMail = await PortalVisit.MailAsync(visit.Email, m => (m.Subject ?? "").Contains("同意のお願い", StringComparison.Ordinal));
        Assert.Contains("能登テスト町", consentMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("お伝えする情報：企業名、メールアドレス、ご希望の条件", consentMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("電話番号", consentMail.TextBody, StringComparison.Ordinal);
        Assert.Empty(SmtpSink.MessagesTo([municipality.ContactEmail]));

        var answered = await AnswerInPortalAsync(app, visit, PortalVisit.TokenIn(consentMail), id, agree: true);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var listed = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}/matches");
        Assert.Equal("consented", listed[0].GetProperty("status").GetString());

        var introduced = await consultant.PostAsync($"{matches}/introduction", null);
        Assert.Equal(HttpStatusCode.OK, introduced.StatusCode);

        var toMunicipality = await PortalVisit.MailAsync(municipality.ContactEmail, _ => true);
        var toCompany = await PortalVisit.MailAsync(visit.Email, m => (m.Subject ?? "").Contains("能登テスト町 へのご紹介", StringComparison.Ordinal));
        Assert.Contains("企業のご紹介", toMunicipality.Subject, StringComparison.Ordinal);
        Assert.Contains("株式会社サンプル", toMunicipality.TextBody, StringComparison.Ordinal);
        Assert.Contains(visit.Email, toMunicipality.TextBody, StringComparison.Ordinal);
        Assert.Contains("希望地域：東京都", toMunicipality.TextBody, StringComparison.Ordinal);
        // Only what the company agreed to: the name of the contact person and the phone were not among the fields.
        Assert.DoesNotContain("ご担当者：", toMunicipality.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("電話番号", toMunicipality.TextBody, StringComparison.Ordinal);
        Assert.Null(toMunicipality.InReplyTo);
        Assert.Contains("能登テスト町 企画政策課", toCompany.TextBody, StringComparison.Ordinal);
        Assert.Contains(municipality.ContactEmail, toCompany.TextBody, StringComparison.Ordinal);
        Assert.NotNull(toCompany.InReplyTo);

        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsJsonAsync($"{matches}/transitions", new { to = "meeting-held" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await consultant.PostAsJsonAsync($"{matches}/transitions", new { to = "introduced" })).StatusCode);

        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}");
        var types = detail.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("type").GetString()).Where(t => t!.StartsWith("match-", StringComparison.Ordinal));
        Assert.Equal(["match-proposed", "match-consent-requested", "match-consented", "match-introduced", "match-meeting-held"], types);
        var proposal = Assert.Single(detail.GetProperty("proposals").EnumerateArray());
        Assert.Equal("meeting-held", proposal.GetProperty("status").GetString());
        Assert.Equal("能登テスト町", proposal.GetProperty("municipalityName").GetString());
    }

    [Fact]
    public async Task A_declined_proposal_can_never_be_introduced_and_the_portal_takes_no_second_answer()
    {
        var municipality = await MatchingSetup.AddMunicipalityAsync(app);
        var (visit, consultant) = await MatchingSetup.CompanyCaseAsync(app);
        var id = await ProposeAsync(consultant, visit.Reference, municipality.Code);
        var matches = $"/api/v1/cases/{visit.Reference}/matches/{id}";
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsync($"{matches}/consent-request", null)).StatusCode);
        var consentMail = await PortalVisit.MailAsync(visit.Email, m => (m.Subject ?? "").Contains("同意のお願い", StringComparison.Ordinal));
        var token = PortalVisit.TokenIn(consentMail);

        var declined = await AnswerInPortalAsync(app, visit, token, id, agree: false);
        using var client = PortalVisit.NoRedirectClient(app);
        var (page, formToken) = await PortalVisit.OpenAsync(client, $"/portal/{token}");
        var again = await PortalVisit.PostAsync(client, $"/portal/{token}?handler=Consent", formToken, ("proposalId", id.ToString()), ("agree", "true"));
        var introduction = await consultant.PostAsync($"{matches}/introduction", null);

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.DoesNotContain(id.ToString(), page, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, introduction.StatusCode);
        Assert.Equal("declined", (await JsonAsync(introduction)).GetProperty("status").GetString());
        Assert.Empty(SmtpSink.MessagesTo([municipality.ContactEmail]));
    }

    [Fact]
    public async Task A_portal_link_answers_only_for_proposals_of_its_own_case()
    {
        var municipality = await MatchingSetup.AddMunicipalityAsync(app);
        var (mine, consultant) = await MatchingSetup.CompanyCaseAsync(app);
        var (other, otherConsultant) = await MatchingSetup.CompanyCaseAsync(app);
        var othersProposal = await ProposeAsync(otherConsultant, other.Reference, municipality.Code);
        await PortalVisit.SendAsync(otherConsultant, HttpMethod.Post, $"/api/v1/cases/{other.Reference}/matches/{othersProposal}/consent-request");

        using var client = PortalVisit.NoRedirectClient(app);
        var (_, formToken) = await PortalVisit.OpenAsync(client, mine.Path);
        var foreign = await PortalVisit.PostAsync(client, $"{mine.Path}?handler=Consent", formToken, ("proposalId", othersProposal.ToString()), ("agree", "true"));
        var stored = await otherConsultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{other.Reference}/matches");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("consent-requested", stored[0].GetProperty("status").GetString());
        Assert.NotNull(consultant);
    }

    [Fact]
    public async Task A_company_case_moves_to_matching_only_with_a_proposal()
    {
        var municipality = await MatchingSetup.AddMunicipalityAsync(app);
        var (visit, consultant) = await MatchingSetup.CompanyCaseAsync(app);
        var transitions = $"/api/v1/cases/{visit.Reference}/transitions";

        var refused = await consultant.PostAsJsonAsync(transitions, new { to = "matching" });
        var problem = await JsonAsync(refused);
        await ProposeAsync(consultant, visit.Reference, municipality.Code);
        var moved = await consultant.PostAsJsonAsync(transitions, new { to = "matching" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("proposal-required", problem.GetProperty("code").GetString());
        Assert.Contains("紹介の提案", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("matching", (await JsonAsync(moved)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_municipality_case_can_start_a_proposal_that_lands_on_the_company_case()
    {
        var (company, consultant) = await MatchingSetup.CompanyCaseAsync(app);
        var municipalityCase = await PortalVisit.SubmitAsync(app, Infrastructure.Inquiries.Municipality(), "matching-municipality");
        await PortalVisit.SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{municipalityCase.Reference}/claim");
        await app.WithDbAsync(async db =>
        {
            var code = await db.Cases.Where(c => c.Reference == municipalityCase.Reference).Select(c => c.LocalGovernmentCode!).SingleAsync();
            if (!await db.MunicipalityProfiles.AnyAsync(m => m.Code == code))
            {
                var profile = ConsultDesk.Domain.Matching.MunicipalityProfile.Create(code, code[..2], ConsultDesk.Domain.Prefecture.Find(code[..2])!.Region, DateTime.UtcNow);
                profile.Update(new ConsultDesk.Domain.Matching.MunicipalityDetails("札幌市", "サッポロシ", "経済観光局", "kigyo@city.example.lg.jp", null, null, [], [], true, false, true),
                    [], [], DateTime.UtcNow);
                db.MunicipalityProfiles.Add(profile);
                await db.SaveChangesAsync();
            }
            return code;
        });

        var response = await consultant.PostAsJsonAsync($"/api/v1/cases/{municipalityCase.Reference}/matches",
            new { companyReference = company.Reference, note = "IT 企業と会いたいとのご要望" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var proposals = await JsonAsync(await consultant.GetAsync($"/api/v1/cases/{company.Reference}/matches"));
        Assert.Single(proposals.EnumerateArray());
        var municipalityTimeline = (await JsonAsync(await consultant.GetAsync($"/api/v1/cases/{municipalityCase.Reference}"))).GetProperty("timeline");
        Assert.Contains(municipalityTimeline.EnumerateArray(), e => e.GetProperty("type").GetString() == "match-proposed"
            && e.GetProperty("companyCase").GetString() == company.Reference);
    }

    [Fact]
    public async Task Proposals_need_a_known_municipality_a_company_case_and_no_live_duplicate()
    {
        var municipality = await MatchingSetup.AddMunicipalityAsync(app);
        var (visit, consultant) = await MatchingSetup.CompanyCaseAsync(app);
        var worker = await PortalVisit.SubmitAsync(app, Infrastructure.Inquiries.Worker(), "worker");
        await PortalVisit.SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{worker.Reference}/claim");
        var path = $"/api/v1/cases/{visit.Reference}/matches";

        var unknown = await consultant.PostAsJsonAsync(path, new { municipalityCode = "999999" });
        var malformed = await consultant.PostAsJsonAsync(path, new { municipalityCode = "17201" });
        await ProposeAsync(consultant, visit.Reference, municipality.Code);
        var duplicate = await consultant.PostAsJsonAsync(path, new { municipalityCode = municipality.Code });
        var notCompany = await consultant.PostAsJsonAsync($"/api/v1/cases/{worker.Reference}/matches", new { municipalityCode = municipality.Code });
        var (stranger, _) = await Staff.NewUserAsync(app, "consultant");
        var notAssignee = await stranger.PostAsJsonAsync(path, new { municipalityCode = municipality.Code });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notCompany.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAssignee.StatusCode);
    }

    [Fact]
    public async Task A_company_inquiry_prefills_its_needs_and_the_consultant_replaces_them_within_the_rules()
    {
        var (visit, consultant) = await MatchingSetup.CompanyCaseAsync(app);
        var needsPath = $"/api/v1/cases/{visit.Reference}/needs";

        var prefilled = (await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}")).GetProperty("needs");
        var invalid = await consultant.PutAsJsonAsync(needsPath, new
        {
            preferredPrefectureCodes = new[] { "99" }, preferredRegions = new[] { "atlantis" }, seatsNeeded = -1, budgetPerSeatYen = -5,
            requiredBandwidthMbps = -1, industry = "Z", priorities = new[] { "beauty" },
        });
        var errors = (await JsonAsync(invalid)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        var saved = await consultant.PutAsJsonAsync(needsPath, new
        {
            preferredPrefectureCodes = new[] { "17", "18" }, preferredRegions = new[] { "chubu" }, seatsNeeded = 10, budgetPerSeatYen = 20000,
            requiredBandwidthMbps = 100, industry = "G", companySize = "medium", timing = "2027年4月", priorities = new[] { "cost", "access" }, notes = "駅の近く",
        });
        var after = (await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{visit.Reference}")).GetProperty("needs");

        Assert.Equal(["13"], prefilled.GetProperty("preferredPrefectureCodes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("G", prefilled.GetProperty("industry").GetString());
        Assert.Equal("medium", prefilled.GetProperty("companySize").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        foreach (var field in new[] { "seatsNeeded", "budgetPerSeatYen", "requiredBandwidthMbps", "industry" }) Assert.Contains(field, errors);
        Assert.Contains(errors, e => e.StartsWith("preferredPrefectureCodes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("preferredRegions", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("priorities", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["17", "18"], after.GetProperty("preferredPrefectureCodes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(10, after.GetProperty("seatsNeeded").GetInt32());
        Assert.Equal(["cost", "access"], after.GetProperty("priorities").EnumerateArray().Select(p => p.GetString()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMatchingTests(SqliteApp app) : MatchingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMatchingTests(PostgresApp app) : MatchingTests(app);
