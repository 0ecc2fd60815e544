using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Browser;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Operations;

/// <summary>
/// The API reference at /api/docs works without the internet and shows only what fits: no request leaves the app's
/// origin, no AI, deploy, SDK or hosted-client buttons, and the code lists carry their Japanese and English labels.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ApiReferenceOfflineTests(SqliteApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_api_reference_makes_no_request_outside_the_app_and_shows_the_code_lists_with_labels()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        // The page's CSP would quietly block a CDN font or an AI endpoint; bypass it so every attempt is a request we see.
        var context = await browser.OpenContextAsync(new() { Locale = "ja-JP", BypassCSP = true, ViewportSize = new() { Width = 1440, Height = 900 } });
        var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        var requests = new List<string>();
        context.Request += (_, request) => requests.Add(request.Url);
        // Nothing may reach the internet from a test: outside requests are recorded above, then refused here.
        await context.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal),
            route => route.AbortAsync());
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/api/docs/").ToString());
        await Assertions.Expect(page.GetByText("ConsultDesk API").First).ToBeVisibleAsync(new() { Timeout = TestBrowser.ActionTimeout });
        // The introduction lists the code lists: a Japanese industry label and a topic label with its code.
        await Assertions.Expect(page.GetByText("情報通信業").First).ToBeVisibleAsync(new() { Timeout = TestBrowser.ActionTimeout });
        await Assertions.Expect(page.GetByText("サテライトオフィスの整備・誘致").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Information and communications").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Screenshot("api-docs-1440"), FullPage = false });

        foreach (var text in new[] { "Ask AI", "Deploy", "Generate SDK", "Open API Client", "Open in" })
            await Assertions.Expect(page.GetByText(text, new() { Exact = false })).ToHaveCountAsync(0);
        var outside = requests.Where(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the app: " + string.Join(", ", outside));
        Assert.Contains(requests, url => url.StartsWith(origin + "/api/docs/scalar.js", StringComparison.Ordinal)); // the bundle comes from the app
    }

    private string Screenshot(string name)
    {
        var path = Screenshots.PathFor(name + ".png");
        output.WriteLineSafe($"screenshot: {path}");
        return path;
    }

    [Fact]
    public async Task The_openapi_document_lists_the_code_lists_as_enums_with_japanese_and_english_labels()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        static (string[] Values, string[] Labels) EnumOf(JsonElement schema) => (
            [.. schema.GetProperty("enum").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "" : v.GetString()!)],
            [.. schema.GetProperty("x-enum-descriptions").EnumerateArray().Select(v => v.GetString()!)]);

        var (statuses, statusLabels) = EnumOf(schemas.GetProperty("CaseStatus"));
        Assert.Equal("in-consultation", statuses[2]);
        Assert.Equal("個別相談中 / In consultation", statusLabels[2]);

        var (parties, partyLabels) = EnumOf(schemas.GetProperty("InquirerType"));
        Assert.Equal(["municipality", "company", "worker", "other", ""], parties);
        Assert.Equal("企業 / Company", partyLabels[1]);

        var (channels, channelLabels) = EnumOf(schemas.GetProperty("ContactChannel"));
        Assert.Equal(channels.Length, channelLabels.Length);
        Assert.Equal("オンライン会議 / Online meeting", channelLabels[Array.IndexOf(channels, "online-meeting")]);

        // String codes: the inquiry's topics and the organisation's industry are enums too, with their labels.
        var topics = schemas.GetProperty("SubmitInquiryCommand").GetProperty("properties").GetProperty("topics").GetProperty("items");
        var (topicCodes, topicLabels) = EnumOf(topics);
        Assert.Equal("サテライトオフィスの整備・誘致 / Satellite offices", topicLabels[Array.IndexOf(topicCodes, "satellite-office")]);
        var (industries, industryLabels) = EnumOf(schemas.GetProperty("SubmitInquiryOrganizationInput").GetProperty("properties").GetProperty("industry"));
        Assert.Equal("情報通信業 / Information and communications", industryLabels[Array.IndexOf(industries, "G")]);
        Assert.Contains("| `G` | 情報通信業 | Information and communications |", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
