using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Matching;

namespace ConsultDesk.IntegrationTests.Cases;

/// <summary>The version rule of <c>Case</c> over the API: what changes the case changes its ETag; a match step does not.</summary>
[Collection(SqliteCollection.Name)]
public sealed class CaseVersionRuleTests(SqliteApp app)
{
    private static async Task<(string ETag, List<string> Timeline)> ReadAsync(HttpClient client, string reference)
    {
        var response = await client.GetAsync($"/api/v1/cases/{reference}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.Headers.ETag!.Tag, json.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("type").GetString()!).ToList());
    }

    [Fact]
    public async Task A_match_step_is_on_the_timeline_without_changing_the_etag_and_a_note_then_changes_it()
    {
        var municipality = await MatchingSetup.AddMunicipalityAsync(app, "版テスト町");
        var (visit, consultant) = await MatchingSetup.CompanyCaseAsync(app, "version");
        var (before, _) = await ReadAsync(consultant, visit.Reference);

        var proposed = await consultant.PostAsJsonAsync($"/api/v1/cases/{visit.Reference}/matches", new { municipalityCode = municipality.Code });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var (afterMatch, timeline) = await ReadAsync(consultant, visit.Reference);

        Assert.Contains("match-proposed", timeline);
        Assert.Equal(before, afterMatch);

        // The ETag read before the match step is still current: the note is accepted, and it changes the ETag.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/notes")
        {
            Content = JsonContent.Create(new { body = "紹介候補を提案済み" }),
        };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(before));
        var noted = await consultant.SendAsync(request);
        var (afterNote, withNote) = await ReadAsync(consultant, visit.Reference);

        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        Assert.NotEqual(before, noted.Headers.ETag!.Tag);
        Assert.Equal(noted.Headers.ETag!.Tag, afterNote);
        Assert.Equal("note", withNote.Last(t => t is not "mail-sent"));
    }
}
