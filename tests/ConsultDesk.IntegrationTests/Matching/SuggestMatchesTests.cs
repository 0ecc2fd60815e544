using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain.Matching;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Matching;

public abstract class SuggestMatchesTests(ConsultDeskAppFactory app)
{
    private async Task<string> SubmitAsync(System.Text.Json.Nodes.JsonObject body)
    {
        using var client = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private Task SetNeedsAsync(string reference, string[] prefectures, int seats, int budget, string[] priorities) =>
        app.WithDbAsync(async db =>
        {
            var caseId = await db.Cases.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
            // Company intake prefills a needs row; replace it as the consultant would.
            var needs = await db.CompanyNeeds.SingleOrDefaultAsync(n => n.CaseId == caseId);
            if (needs is null) db.CompanyNeeds.Add(needs = CompanyNeeds.For(caseId, DateTime.UtcNow));
            needs.Update(prefectures, [], seats, budget, null, "G", CompanySize.Medium, "2027年4月", priorities, null, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Suggestions_for_a_company_case_are_ranked_with_points_and_explanations_and_skip_unpublished_profiles()
    {
        var reference = await SubmitAsync(Infrastructure.Inquiries.Company());
        await SetNeedsAsync(reference, ["32"], 5, 10_000, ["cost"]);
        // 30 + 20 + 40 + 12 + 10 + 4.4 (travel 90 min) = 116.4
        var best = await Profiles.AddAsync(app, "32", "提案テスト市");
        // 15 (same region) + 12 (3 of 5 seats) + 20 (fee 15,000: half of 40) + 9 (subsidy) + 10 + 2.5 (180 min) = 68.5
        var second = await Profiles.AddAsync(app, "33", "提案テスト町", free: 3, fee: 15_000, travel: 180, incentives: [IncentiveKind.Subsidy]);
        var hidden = await Profiles.AddAsync(app, "32", "非公開テスト村", published: false, free: 50, fee: 0, travel: 30);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var response = await consultant.GetAsync($"/api/v1/cases/{reference}/match-suggestions?limit=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var suggestions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suggestions").EnumerateArray().ToList();
        var codes = suggestions.Select(s => s.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain(hidden.Code, codes);
        Assert.True(codes.IndexOf(best.Code) >= 0 && codes.IndexOf(best.Code) < codes.IndexOf(second.Code));
        var totals = suggestions.Select(s => s.GetProperty("total").GetDouble()).ToList();
        Assert.Equal(totals.OrderByDescending(t => t), totals);

        var top = suggestions[codes.IndexOf(best.Code)];
        Assert.Equal(116.4, top.GetProperty("total").GetDouble());
        Assert.Equal("提案テスト市", top.GetProperty("name").GetString());
        var criteria = top.GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(["region", "capacity", "cost", "incentives", "industry", "access"], criteria.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([30.0, 20.0, 40.0, 12.0, 10.0, 4.4], criteria.Select(c => c.GetProperty("points").GetDouble()));
        Assert.Equal([30.0, 20.0, 40.0, 15.0, 10.0, 5.0], criteria.Select(c => c.GetProperty("max").GetDouble()));
        Assert.Equal("希望の都道府県（島根県）にあります", criteria[0].GetProperty("explanationJa").GetString());
        Assert.Equal("12 free seats cover the 5 needed", criteria[1].GetProperty("explanationEn").GetString());
        Assert.Equal(68.5, suggestions[codes.IndexOf(second.Code)].GetProperty("total").GetDouble());
    }

    [Fact]
    public async Task Without_needs_the_case_prefecture_and_industry_are_used()
    {
        var reference = await SubmitAsync(Infrastructure.Inquiries.Company());   // Tokyo, industry G
        // Intake prefills needs now; a case without them (one from before matching) falls back to the case itself.
        await app.WithDbAsync(async db => await db.CompanyNeeds.Where(n => db.Cases.Any(c => c.Id == n.CaseId && c.Reference == reference)).ExecuteDeleteAsync());
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");

        var json = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}/match-suggestions");

        var needs = json.GetProperty("needs");
        Assert.True(needs.GetProperty("derived").GetBoolean());
        Assert.Equal(["13"], needs.GetProperty("preferredPrefectureCodes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("G", needs.GetProperty("industry").GetString());
        Assert.True(json.GetProperty("suggestions").GetArrayLength() <= 20);
    }

    [Fact]
    public async Task A_worker_case_is_refused_an_unknown_case_is_404_a_bad_limit_400_and_anonymous_readers_401()
    {
        var worker = await SubmitAsync(Infrastructure.Inquiries.Worker());
        var company = await SubmitAsync(Infrastructure.Inquiries.Company());
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        using var anonymous = app.CreateClient();

        var refused = await consultant.GetAsync($"/api/v1/cases/{worker}/match-suggestions");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync("/api/v1/cases/CD-2099-999999/match-suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await consultant.GetAsync($"/api/v1/cases/{company}/match-suggestions?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await consultant.GetAsync($"/api/v1/cases/{company}/match-suggestions?limit=101")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/cases/{company}/match-suggestions")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSuggestMatchesTests(SqliteApp app) : SuggestMatchesTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSuggestMatchesTests(PostgresApp app) : SuggestMatchesTests(app);
