using System.Net;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Operations;

[Collection(SqliteCollection.Name)]
public sealed class OperationsTests(SqliteApp app)
{
    private readonly HttpClient client = app.CreateClient();

    [Fact]
    public async Task Liveness_and_readiness_answer_200_once_the_app_serves()
    {
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_intake_endpoint()
    {
        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var post = document.GetProperty("paths").GetProperty("/api/v1/inquiries").GetProperty("post");
        Assert.Equal("SubmitInquiry", post.GetProperty("operationId").GetString());
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Value.ToString());
        Assert.Contains(schemas, s => s.Contains("\"municipality\"", StringComparison.Ordinal) && s.Contains("\"worker\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_reference_ui_is_served_offline()
    {
        var response = await client.GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_paths_are_problem_details_and_unknown_pages_are_html()
    {
        var api = await client.GetAsync("/api/v1/nothing-here");
        var page = await client.GetAsync("/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("お探しのページは見つかりませんでした。", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
