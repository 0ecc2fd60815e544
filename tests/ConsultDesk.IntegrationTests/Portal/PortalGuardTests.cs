using System.Net;
using ConsultDesk.IntegrationTests.Operations;
using ConsultDesk.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.IntegrationTests.Portal;

public sealed class PortalGuardTests
{
    [Theory]
    [InlineData("/portal/abc", true)]
    [InlineData("/portal/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd", true)]
    [InlineData("/portal/abc/", true)]
    [InlineData("/Portal/abc/Survey", true)]
    [InlineData("/unsubscribe/abc", true)]
    [InlineData("/portal", false)]
    [InlineData("/portal/", false)]
    [InlineData("/portal/link", false)]
    [InlineData("/portal/LINK", false)]
    [InlineData("/portal/expired", false)]
    [InlineData("/portal/expired/survey", false)]
    [InlineData("/unsubscribe/expired", false)]
    [InlineData("/portal/abc/other", false)]
    [InlineData("/portal/link/survey", false)]
    [InlineData("/portal/a/b/c", false)]
    [InlineData("/portalx/abc", false)]
    [InlineData("/desk/abc", false)]
    [InlineData("/sengen/manage/abc", true)]
    [InlineData("/sengen/manage/abc/logo.svg", true)]
    [InlineData("/sengen/manage/abc/award", true)]
    [InlineData("/sengen/manage/abc/award/new", true)]
    [InlineData("/sengen/manage/abc/award/attachments/0190a3b4-0000-7000-8000-000000000000", true)]
    [InlineData("/sengen/manage/abc/other/x", false)]
    [InlineData("/api/v1/public/award/entries", true)]
    [InlineData("/api/v1/public/award/entries/0190a3b4-0000-7000-8000-000000000000/attachments", true)]
    [InlineData("/api/v1/public/award/2026", false)]
    [InlineData("/sengen/new", false)]
    [InlineData("/sengen/link", false)]
    [InlineData("/sengen/123", false)]
    [InlineData("/sengen/123/certificate.pdf", false)]
    public void Only_the_token_routes_take_a_token(string path, bool takesToken) =>
        Assert.Equal(takesToken, PortalGuard.TakesToken(new PathString(path)));
}

/// <summary>An app behind a known proxy, so each test uses its own client address and its own bad-token budget.</summary>
[Collection(ProxiedCollection.Name)]
public sealed class PortalGuardBudgetTests(ProxiedApp app)
{
    [Fact]
    public async Task Portal_pages_without_a_token_and_the_dead_link_of_a_retried_mail_do_not_use_up_the_bad_token_budget()
    {
        using var client = app.CreateClient();
        const string address = "198.51.100.77";
        // The app allows 10 bad tokens per address (see ProxiedApp); these are 12 visits that guess nothing.
        string[] innocent = ["/portal/expired", "/portal/expired/survey", "/unsubscribe/expired", "/portal/link/extra", "/portal/a/b/c", "/portal/expired"];
        foreach (var path in innocent.Concat(innocent))
            Assert.Equal(HttpStatusCode.NotFound, await GetAsAsync(client, path, address));
        Assert.Equal(HttpStatusCode.OK, await GetAsAsync(client, "/portal/link", address));

        // Real bad tokens still count: ten are answered, the eleventh is refused.
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.NotFound, await GetAsAsync(client, "/portal/" + new string((char)('D' + i), 43), address));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsAsync(client, "/portal/" + new string('Z', 43), address));
    }

    private static async Task<HttpStatusCode> GetAsAsync(HttpClient client, string path, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
