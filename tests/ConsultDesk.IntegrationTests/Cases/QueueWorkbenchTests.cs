using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Cases;

/// <summary>The queue as a workbench over the API: the count, paging both ways, bulk assign and bulk close-as-spam, saved views.</summary>
public abstract class QueueWorkbenchTests(ConsultDeskAppFactory app)
{
    private static string Marker() => "束ね" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<string>> SubmitAsync(string marker, int count)
    {
        using var client = app.CreateClient();
        var references = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var body = Infrastructure.Inquiries.Worker(Infrastructure.Inquiries.UniqueEmail("bulk"));
            body["subject"] = $"一括 {marker}";
            var response = await Infrastructure.Inquiries.PostAsync(client, body);
            response.EnsureSuccessStatusCode();
            references.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!);
        }
        return references;
    }

    private static List<string> References(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()!).ToList();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [Fact]
    public async Task The_queue_counts_the_matching_cases_and_pages_back_the_way_it_came()
    {
        var marker = Marker();
        var submitted = await SubmitAsync(marker, 5);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var list = $"/api/v1/cases?q={Uri.EscapeDataString(marker)}&sort=submitted-asc&limit=2";

        var first = await consultant.GetFromJsonAsync<JsonElement>(list);
        var second = await consultant.GetFromJsonAsync<JsonElement>(list + "&cursor=" + Text(first, "nextCursor"));
        var third = await consultant.GetFromJsonAsync<JsonElement>(list + "&cursor=" + Text(second, "nextCursor"));
        var backToSecond = await consultant.GetFromJsonAsync<JsonElement>(list + "&before=" + Text(third, "previousCursor"));
        var backToFirst = await consultant.GetFromJsonAsync<JsonElement>(list + "&before=" + Text(backToSecond, "previousCursor"));
        // Counted case by case among the search's matches: the same five workers from Okinawa, none from Tokyo.
        var okinawa = await consultant.GetFromJsonAsync<JsonElement>(list + "&prefectureCode=47&inquirerType=worker&topic=workation");
        var tokyo = await consultant.GetFromJsonAsync<JsonElement>(list + "&prefectureCode=13");

        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.False(first.GetProperty("totalCapped").GetBoolean());
        Assert.Equal(5, third.GetProperty("total").GetInt32());
        Assert.Null(Text(first, "previousCursor"));
        Assert.Equal(submitted[..2], References(first));
        Assert.Equal(submitted[2..4], References(second));
        Assert.Equal(submitted[4..], References(third));
        Assert.Null(Text(third, "nextCursor"));
        Assert.Equal(submitted[2..4], References(backToSecond));
        Assert.Equal(submitted[..2], References(backToFirst));
        Assert.Null(Text(backToFirst, "previousCursor"));
        Assert.NotNull(Text(backToFirst, "nextCursor"));
        Assert.Equal((5, false), (okinawa.GetProperty("total").GetInt32(), okinawa.GetProperty("totalCapped").GetBoolean()));
        Assert.Equal((0, false), (tokyo.GetProperty("total").GetInt32(), tokyo.GetProperty("totalCapped").GetBoolean()));
    }

    [Fact]
    public async Task Bulk_close_as_spam_closes_each_case_with_the_reason_on_its_timeline_and_skips_what_it_may_not_touch()
    {
        var marker = Marker();
        var references = await SubmitAsync(marker, 5);
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var (colleague, _) = await Staff.NewUserAsync(app, "consultant");
        foreach (var reference in references[..3]) (await consultant.PostAsync($"/api/v1/cases/{reference}/claim", null)).EnsureSuccessStatusCode();
        (await colleague.PostAsync($"/api/v1/cases/{references[3]}/claim", null)).EnsureSuccessStatusCode();
        (await consultant.PostAsync($"/api/v1/cases/{references[4]}/claim", null)).EnsureSuccessStatusCode();
        (await consultant.PostAsJsonAsync($"/api/v1/cases/{references[4]}/transitions", new { to = "closed", reason = "withdrawn" })).EnsureSuccessStatusCode();

        var response = await consultant.PostAsJsonAsync("/api/v1/cases/bulk/close-spam",
            new { cases = references.Select(r => new { reference = r }), comment = "広告メールの一斉送信" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, result.GetProperty("doneCount").GetInt32());
        Assert.Equal(references[..3], result.GetProperty("done").EnumerateArray().Select(d => d.GetProperty("reference").GetString()!).ToList());
        var skipped = result.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("reference").GetString()!, s => s.GetProperty("code").GetString());
        Assert.Equal(new Dictionary<string, string?> { [references[3]] = "forbidden", [references[4]] = "already-closed" }, skipped);
        foreach (var reference in references[..3])
        {
            var @case = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
            Assert.Equal("closed", @case.GetProperty("status").GetString());
            var closing = Assert.Single(@case.GetProperty("timeline").EnumerateArray(), e => Text(e, "type") == "transition" && Text(e, "to") == "closed");
            Assert.Equal("spam", Text(closing, "reason"));
            Assert.Equal("広告メールの一斉送信", Text(closing, "comment"));
        }
        var untouched = await colleague.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{references[3]}");
        Assert.Equal("new", untouched.GetProperty("status").GetString());
        var stillWithdrawn = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{references[4]}");
        Assert.Single(stillWithdrawn.GetProperty("timeline").EnumerateArray(), e => Text(e, "type") == "transition");
    }

    [Fact]
    public async Task Bulk_assign_assigns_each_case_on_its_timeline_and_skips_one_changed_since_it_was_confirmed()
    {
        var marker = Marker();
        var references = await SubmitAsync(marker, 3);
        var (manager, managerId) = await Staff.NewUserAsync(app, "manager");
        var (consultant, consultantId) = await Staff.NewUserAsync(app, "consultant");
        // The user confirmed all three at version 1; then someone noted on the third.
        (await manager.PostAsJsonAsync($"/api/v1/cases/{references[2]}/notes", new { body = "先に確認" })).EnsureSuccessStatusCode();

        var response = await manager.PostAsJsonAsync("/api/v1/cases/bulk/assign",
            new { cases = references.Select(r => new { reference = r, version = 1 }), userId = consultantId });
        var refusedForOthers = await consultant.PostAsJsonAsync("/api/v1/cases/bulk/assign",
            new { cases = new[] { new { reference = references[0] } }, userId = managerId });

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("doneCount").GetInt32());
        Assert.Equal("changed", Assert.Single(result.GetProperty("skipped").EnumerateArray()).GetProperty("code").GetString());
        foreach (var reference in references[..2])
        {
            var @case = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
            Assert.Equal(consultantId, @case.GetProperty("assignee").GetProperty("id").GetGuid());
            var assigned = Assert.Single(@case.GetProperty("timeline").EnumerateArray(), e => Text(e, "type") == "assigned");
            Assert.Equal(managerId, assigned.GetProperty("actor").GetProperty("id").GetGuid());
        }
        var third = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{references[2]}");
        Assert.Equal(JsonValueKind.Null, third.GetProperty("assignee").ValueKind);
        var refused = await refusedForOthers.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("forbidden", Assert.Single(refused.GetProperty("skipped").EnumerateArray()).GetProperty("code").GetString());
    }

    /// <summary>The <c>cases</c> part of a body (both actions take the same), each wrong in its own way.</summary>
    public static TheoryData<string> BadCaseLists()
    {
        var tooMany = string.Join(",", Enumerable.Range(1, 101).Select(i => $"{{\"reference\":\"CD-2026-{i:000000}\"}}"));
        return new()
        {
            "\"cases\":[]",
            "\"cases\":null",
            $"\"cases\":[{tooMany}]",
            "\"cases\":[{\"reference\":\"CD-1999-999999\"}]",
            "\"cases\":[{\"reference\":\"not-a-reference\"}]",
            "\"cases\":[{\"reference\":null}]",
            "\"cases\":\"CD-2026-000001\"",
            "\"cases\":[{\"reference\":\"CD-2026-000001\"}],\"unknown\":1",
        };
    }

    [Theory]
    [MemberData(nameof(BadCaseLists))]
    public async Task Bulk_requests_that_cannot_be_done_are_validation_problems(string cases)
    {
        var (manager, managerId) = await Staff.NewUserAsync(app, "manager");

        var spam = await manager.PostAsync("/api/v1/cases/bulk/close-spam", new StringContent("{" + cases + "}", System.Text.Encoding.UTF8, "application/json"));
        var assign = await manager.PostAsync("/api/v1/cases/bulk/assign",
            new StringContent("{" + cases + $",\"userId\":\"{managerId}\"}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, spam.StatusCode);
        Assert.Equal("application/problem+json", spam.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, assign.StatusCode);
        Assert.Equal("application/problem+json", assign.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bulk_assign_to_someone_who_is_not_staff_is_a_validation_problem()
    {
        var references = await SubmitAsync(Marker(), 1);
        var (manager, _) = await Staff.NewUserAsync(app, "manager");

        var response = await manager.PostAsJsonAsync("/api/v1/cases/bulk/assign", new { cases = new[] { new { reference = references[0] } }, userId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_saved_view_keeps_its_filters_for_its_owner_only()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var (colleague, _) = await Staff.NewUserAsync(app, "consultant");

        var saved = await consultant.PostAsJsonAsync("/api/v1/saved-views",
            new { name = "自分の期限間近", query = "?due=due-soon&assignee=me&cursor=ignored&status=triaged,new" });
        var created = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var mine = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/saved-views");
        var theirs = await colleague.GetFromJsonAsync<JsonElement>("/api/v1/saved-views");
        var renameTheirs = await colleague.PutAsJsonAsync($"/api/v1/saved-views/{id}", new { name = "横取り" });
        var deleteTheirs = await colleague.DeleteAsync($"/api/v1/saved-views/{id}");
        var badFilter = await consultant.PostAsJsonAsync("/api/v1/saved-views", new { name = "壊れた", query = "due=tomorrow" });
        var noName = await consultant.PostAsJsonAsync("/api/v1/saved-views", new { name = " ", query = "due=overdue" });
        var renamed = await consultant.PutAsJsonAsync($"/api/v1/saved-views/{id}", new { name = "期限間近（自分）" });
        var deleted = await consultant.DeleteAsync($"/api/v1/saved-views/{id}");
        var afterDelete = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/saved-views");

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        // The queue's own order, the page position dropped: the same filters the queue reads back.
        Assert.Equal("status=triaged,new&assignee=me&due=due-soon&sort=due", created.GetProperty("query").GetString());
        var view = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("自分の期限間近", view.GetProperty("name").GetString());
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, renameTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal("application/problem+json", badFilter.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal("期限間近（自分）", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(afterDelete.GetProperty("items").EnumerateArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteQueueWorkbenchTests(SqliteApp app) : QueueWorkbenchTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresQueueWorkbenchTests(PostgresApp app) : QueueWorkbenchTests(app);
