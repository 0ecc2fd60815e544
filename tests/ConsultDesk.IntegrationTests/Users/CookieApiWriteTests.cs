using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Users;

/// <summary>
/// A browser signed in to the desk carries the staff cookie to every request, so an API write authenticated by the
/// cookie alone could be forged from another page: it must also carry a header no cross-site form can send.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class CookieApiWriteTests(SqliteApp app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    private async Task<HttpClient> SignedInWithCookieAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiForgery().Match(form).Groups[1].Value),
            new("Email", ConsultDeskAppFactory.AdminEmail), new("Password", ConsultDeskAppFactory.AdminPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private async Task<string> SubmitAsync(HttpClient client)
    {
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Company());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    [Fact]
    public async Task A_cookie_authenticated_claim_without_the_header_is_refused_and_with_it_succeeds()
    {
        using var browser = await SignedInWithCookieAsync();
        // The anonymous intake API is not affected, even for a signed-in browser.
        var reference = await SubmitAsync(browser);

        var forged = await browser.PostAsync($"/api/v1/cases/{reference}/claim", null);
        var afterForged = await browser.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{reference}/claim");
        withHeader.Headers.Add("X-Requested-With", "ConsultDesk");
        var claimed = await browser.SendAsync(withHeader);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        var problem = await forged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains("X-Requested-With", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, afterForged.GetProperty("assignee").ValueKind);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
    }

    [Fact]
    public async Task A_cookie_authenticated_write_with_an_antiforgery_token_header_succeeds_and_bearer_calls_need_nothing()
    {
        using var browser = await SignedInWithCookieAsync();
        var reference = await SubmitAsync(browser);
        var page = await browser.GetStringAsync($"/desk/cases/{reference}");
        var token = AntiForgery().Match(page).Groups[1].Value;
        Assert.NotEqual("", token);

        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{reference}/notes") { Content = JsonContent.Create(new { body = "メモ" }) };
        withToken.Headers.Add("RequestVerificationToken", token);
        var noted = await browser.SendAsync(withToken);
        using var badToken = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{reference}/notes") { Content = JsonContent.Create(new { body = "メモ" }) };
        badToken.Headers.Add("RequestVerificationToken", "forged");
        var refused = await browser.SendAsync(badToken);
        using var bearer = await Staff.AdminAsync(app);
        var viaBearer = await bearer.PostAsJsonAsync($"/api/v1/cases/{reference}/notes", new { body = "メモ" });

        Assert.True(noted.IsSuccessStatusCode, $"with a token: {(int)noted.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(viaBearer.IsSuccessStatusCode, $"with a bearer token: {(int)viaBearer.StatusCode}");
    }
}
