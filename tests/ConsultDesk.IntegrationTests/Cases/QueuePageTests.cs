using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Cases;

/// <summary>The queue page without JavaScript: the count and position, paging links both ways, saved views, the two-step bulk action.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class QueuePageTests(SqliteApp app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"(next|prev)\"")]
    private static partial Regex PagingLink();

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    private async Task<(HttpClient Client, Guid Id)> SignedInAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
        {
            var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = $"{role} 花子", password = "Page-Password-2026", roles = new[] { role } });
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
            var form = await client.GetStringAsync("/signin");
            var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
                new("__RequestVerificationToken", Token(form)), new("Email", email), new("Password", "Page-Password-2026")]));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            return (client, id);
        }
    }

    private async Task<List<string>> SubmitAsync(string marker, int count)
    {
        using var client = app.CreateClient();
        var references = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var body = Infrastructure.Inquiries.Company(Infrastructure.Inquiries.UniqueEmail("page"));
            body["subject"] = $"画面 {marker}";
            var response = await Infrastructure.Inquiries.PostAsync(client, body);
            response.EnsureSuccessStatusCode();
            references.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!);
        }
        return references;
    }

    private static string Marker() => "頁" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Link(string html, string rel) =>
        WebUtility.HtmlDecode(PagingLink().Matches(html).Single(m => m.Groups[2].Value == rel).Groups[1].Value);

    [Fact]
    public async Task The_page_shows_the_count_and_its_position_and_walks_next_and_previous()
    {
        var marker = Marker();
        var references = await SubmitAsync(marker, 5);
        var (consultant, _) = await SignedInAsync("consultant");

        var first = await consultant.GetStringAsync($"/desk?q={Uri.EscapeDataString(marker)}&sort=submitted-desc&limit=2");
        var second = await consultant.GetStringAsync(Link(first, "next"));
        var third = await consultant.GetStringAsync(Link(second, "next"));
        var backToSecond = await consultant.GetStringAsync(Link(third, "prev"));
        var backToFirst = await consultant.GetStringAsync(Link(backToSecond, "prev"));

        Assert.Contains("5件", first, StringComparison.Ordinal);
        Assert.Contains("1〜2件目", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Contains("3〜4件目", second, StringComparison.Ordinal);
        Assert.Contains("5〜5件目", third, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", third, StringComparison.Ordinal);
        Assert.Contains("3〜4件目", backToSecond, StringComparison.Ordinal);
        Assert.Contains(references[2], backToSecond, StringComparison.Ordinal);
        Assert.Contains(references[1], backToSecond, StringComparison.Ordinal);
        Assert.Contains("1〜2件目", backToFirst, StringComparison.Ordinal);
        Assert.Contains(references[4], backToFirst, StringComparison.Ordinal);
        Assert.Contains(references[3], backToFirst, StringComparison.Ordinal);
        // The filters sit in a closed <details> until one of them is set.
        Assert.Contains("<details>", await consultant.GetStringAsync($"/desk?q={Uri.EscapeDataString(marker)}"), StringComparison.Ordinal);
        Assert.Contains("<details open=\"open\">", await consultant.GetStringAsync("/desk?due=overdue"), StringComparison.Ordinal);
        // A reference is looked up exactly, and the page says so (a word search does not).
        var byReference = await consultant.GetStringAsync($"/desk?q={Uri.EscapeDataString(references[0].ToLowerInvariant())}");
        Assert.Contains("受付番号の完全一致で検索しました。", byReference, StringComparison.Ordinal);
        Assert.Contains(references[0], byReference, StringComparison.Ordinal);
        Assert.Contains("1件", byReference, StringComparison.Ordinal);
        Assert.DoesNotContain("完全一致", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_view_saved_on_the_queue_reopens_with_exactly_its_filters_and_only_for_its_owner()
    {
        var (consultant, _) = await SignedInAsync("consultant");
        var (colleague, _) = await SignedInAsync("consultant");
        var queue = await consultant.GetStringAsync("/desk?assignee=me&due=due-soon&inquirerType=company&status=triaged");

        var saved = await consultant.PostAsync("/desk?handler=SaveView", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(queue)), new("name", "自分の期限間近（企業）"),
            new("query", "status=triaged&assignee=me&inquirerType=company&due=due-soon")]));
        var location = saved.Headers.Location!.OriginalString;
        var reopened = await consultant.GetStringAsync("/desk");
        var viewLink = Regex.Match(reopened, "<a href=\"(/desk\\?[^\"]+)\"[^>]*>自分の期限間近（企業）</a>").Groups[1].Value;
        var viewPage = await consultant.GetStringAsync(WebUtility.HtmlDecode(viewLink));
        var othersQueue = await colleague.GetStringAsync("/desk");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(location, WebUtility.HtmlDecode(viewLink));
        Assert.Contains("<option value=\"me\" selected=\"selected\">", viewPage, StringComparison.Ordinal);
        Assert.Contains("<option value=\"due-soon\" selected=\"selected\">", viewPage, StringComparison.Ordinal);
        Assert.Contains("<option value=\"company\" selected=\"selected\">", viewPage, StringComparison.Ordinal);
        Assert.Contains("value=\"triaged\" checked=\"checked\"", viewPage, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"new\" checked=\"checked\"", viewPage, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\">自分の期限間近（企業）", viewPage, StringComparison.Ordinal);
        // Everyone has the built-in suggestion; nobody sees another's views.
        Assert.Contains("自分の期限間近</a>", othersQueue, StringComparison.Ordinal);
        Assert.DoesNotContain("自分の期限間近（企業）", othersQueue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_close_as_spam_without_javascript_lists_the_cases_then_closes_them_on_confirmation()
    {
        var marker = Marker();
        var references = await SubmitAsync(marker, 3);
        var (manager, _) = await SignedInAsync("manager");
        var queue = await manager.GetStringAsync($"/desk?q={Uri.EscapeDataString(marker)}");

        // "Select all on this page" is a plain checkbox the server reads: no script needed.
        var confirm = await manager.PostAsync("/desk/bulk", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(queue)), new("operation", "spam"), new("allOnPage", "true"),
            .. references.Select(r => new KeyValuePair<string, string>("pageReferences", r)), new("returnUrl", $"/desk?q={marker}")]));
        var confirmHtml = await confirm.Content.ReadAsStringAsync();
        var closedBeforeConfirming = await app.WithDbAsync(db => Task.FromResult(db.Cases.Count(c => references.Contains(c.Reference) && c.Status == Domain.CaseStatus.Closed)));
        var done = await manager.PostAsync("/desk/bulk?handler=Confirm", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(confirmHtml)), new("operation", "spam"), new("comment", "同一内容の宣伝"),
            .. Regex.Matches(confirmHtml, "name=\"targets\" value=\"([^\"]+)\"").Select(m => new KeyValuePair<string, string>("targets", m.Groups[1].Value))]));
        var doneHtml = await done.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("次の3件をスパムとして閉じます", confirmHtml, StringComparison.Ordinal);
        Assert.All(references, r => Assert.Contains(r, confirmHtml, StringComparison.Ordinal));
        Assert.Equal(0, closedBeforeConfirming);
        Assert.Contains("3件を処理しました。0件は処理しませんでした。", doneHtml, StringComparison.Ordinal);
        var closed = await app.WithDbAsync(db => Task.FromResult(db.Timeline
            .Where(t => t.Type == "transition" && db.Cases.Any(c => c.Id == t.CaseId && references.Contains(c.Reference)))
            .Select(t => t.Content).ToList()));
        Assert.Equal(3, closed.Count);
        Assert.All(closed, content => Assert.Contains("\"reason\":\"spam\"", content, StringComparison.Ordinal));
        Assert.All(closed, content => Assert.Contains("同一内容の宣伝", JsonDocument.Parse(content).RootElement.GetProperty("comment").GetString(), StringComparison.Ordinal));
    }
}
