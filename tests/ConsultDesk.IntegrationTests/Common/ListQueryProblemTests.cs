using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Common;

/// <summary>Every list endpoint reads its query string the same way and answers a bad value with the same problem.</summary>
[Collection(SqliteCollection.Name)]
public sealed class ListQueryProblemTests(SqliteApp app)
{
    private const string Title = "入力内容に誤りがあります。";

    private async Task AssertProblemAsync(HttpClient client, string url, string field, string message)
    {
        var response = await client.GetAsync(url);

        Assert.Equal((url, HttpStatusCode.BadRequest), (url, response.StatusCode));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((url, 400, Title), (url, problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()));
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => (e.Name, string.Join("|", e.Value.EnumerateArray().Select(m => m.GetString())))).ToList();
        Assert.Equal([(field, message)], errors);
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_the_same_problem_on_every_list()
    {
        using var admin = await Staff.AdminAsync(app);

        foreach (var list in new[] { "/api/v1/cases", "/api/v1/outbox", "/api/v1/users/audit", "/api/v1/municipalities" })
        {
            await AssertProblemAsync(admin, list + "?limit=ten", "limit", "limit は1から100の間で指定してください。");
            await AssertProblemAsync(admin, list + "?limit=101", "limit", "limit は1から100の間で指定してください。");
        }
        // The export reads the queue's parameters; its validator nests the queue's, so a range error is under filters.limit.
        await AssertProblemAsync(admin, "/api/v1/cases.csv?limit=ten", "limit", "limit は1から100の間で指定してください。");
    }

    [Fact]
    public async Task A_cursor_of_another_version_or_edited_is_the_same_problem_on_every_keyset_list()
    {
        using var admin = await Staff.AdminAsync(app);
        var ticks = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var cursors = new[]
        {
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"[2,{ticks},\"CD-2026-000042\"]")),
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"[2,{ticks},\"{Guid.CreateVersion7()}\"]")),
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"[1,{ticks},\"CD-2026-000042\",0]")),
            "not-a-cursor",
        };

        foreach (var list in new[] { "/api/v1/cases", "/api/v1/outbox", "/api/v1/users/audit" })
            foreach (var cursor in cursors)
                await AssertProblemAsync(admin, $"{list}?cursor={cursor}", "cursor", "cursor が正しくありません。最初のページから取得し直してください。");
    }

    [Fact]
    public async Task A_malformed_date_is_the_same_problem_for_the_queue_its_export_and_the_reports()
    {
        using var admin = await Staff.AdminAsync(app);

        foreach (var url in new[] { "/api/v1/cases?from=2026-13-01", "/api/v1/cases.csv?from=2026-13-01", "/api/v1/reports/flow?from=2026-13-01", "/api/v1/reports/speed.csv?from=2026-13-01" })
            await AssertProblemAsync(admin, url, "from", "日付は yyyy-MM-dd 形式（2000〜2100年）で指定してください。");
        await AssertProblemAsync(admin, "/api/v1/cases?to=2026-11-31", "to", "日付は yyyy-MM-dd 形式（2000〜2100年）で指定してください。");
    }
}
