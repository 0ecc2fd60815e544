using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Cases;

public abstract class TaskAndMergeTests(ConsultDeskAppFactory app)
{
    private async Task<string> SubmitAsync()
    {
        using var client = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Company());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    [Fact]
    public async Task A_task_from_the_security_checklist_is_ticked_and_completed()
    {
        var reference = await SubmitAsync();
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        await consultant.PostAsync($"/api/v1/cases/{reference}/claim", null);

        var created = await consultant.PostAsJsonAsync($"/api/v1/cases/{reference}/tasks", new { template = "security-checklist", dueOn = "2099-01-15", checklist = new[] { "社内説明会を開く" } });
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetGuid();
        var ticked = await consultant.PatchAsJsonAsync($"/api/v1/cases/{reference}/tasks/{taskId}", new { checklist = new[] { new { index = 0, done = true } } });
        var completed = await consultant.PatchAsJsonAsync($"/api/v1/cases/{reference}/tasks/{taskId}", new { completed = true });
        var outOfRange = await consultant.PatchAsJsonAsync($"/api/v1/cases/{reference}/tasks/{taskId}", new { checklist = new[] { new { index = 99, done = true } } });
        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var task = Assert.Single(detail.GetProperty("tasks").EnumerateArray());
        Assert.Equal("テレワークセキュリティ チェックリスト", task.GetProperty("title").GetString());
        Assert.Equal("2099-01-15", task.GetProperty("dueOn").GetString());
        var items = task.GetProperty("checklist").EnumerateArray().ToList();
        Assert.Equal(8, items.Count);
        Assert.True(items[0].GetProperty("done").GetBoolean());
        Assert.False(items[1].GetProperty("done").GetBoolean());
        Assert.Equal("社内説明会を開く", items[^1].GetProperty("text").GetString());
        Assert.NotEqual(JsonValueKind.Null, task.GetProperty("completedAt").ValueKind);
        Assert.Equal(["created", "checklist", "completed"],
            detail.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "task").Select(t => t.GetProperty("change").GetString()));
    }

    [Fact]
    public async Task A_duplicate_merges_into_the_original_and_both_timelines_tell()
    {
        var original = await SubmitAsync();
        var duplicate = await SubmitAsync();
        var (manager, _) = await Staff.NewUserAsync(app, "manager");

        var merged = await manager.PostAsJsonAsync($"/api/v1/cases/{duplicate}/merge", new { into = original });
        var intoItself = await manager.PostAsJsonAsync($"/api/v1/cases/{original}/merge", new { into = original });
        var duplicateDetail = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{duplicate}");
        var originalDetail = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{original}");

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, intoItself.StatusCode);
        Assert.Equal("closed", duplicateDetail.GetProperty("status").GetString());
        Assert.Equal("duplicate", duplicateDetail.GetProperty("closeReason").GetString());
        Assert.Equal(original, duplicateDetail.GetProperty("mergedInto").GetString());
        Assert.Contains(duplicateDetail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("type").GetString() == "merge" && t.GetProperty("reference").GetString() == original);
        Assert.Contains(originalDetail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("type").GetString() == "merge" && t.GetProperty("reference").GetString() == duplicate);
    }

    [Fact]
    public async Task A_consultant_cannot_merge_into_a_case_of_another_consultant()
    {
        var mine = await SubmitAsync();
        var theirs = await SubmitAsync();
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var (other, _) = await Staff.NewUserAsync(app, "consultant");
        (await consultant.PostAsync($"/api/v1/cases/{mine}/claim", null)).EnsureSuccessStatusCode();
        (await other.PostAsync($"/api/v1/cases/{theirs}/claim", null)).EnsureSuccessStatusCode();

        var merged = await consultant.PostAsJsonAsync($"/api/v1/cases/{mine}/merge", new { into = theirs });
        var mineDetail = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{mine}");
        var theirsDetail = await other.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{theirs}");

        Assert.Equal(HttpStatusCode.Forbidden, merged.StatusCode);
        Assert.Equal("application/problem+json", merged.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("closed", mineDetail.GetProperty("status").GetString());
        Assert.DoesNotContain(theirsDetail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("type").GetString() == "merge");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteTaskAndMergeTests(SqliteApp app) : TaskAndMergeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTaskAndMergeTests(PostgresApp app) : TaskAndMergeTests(app);
