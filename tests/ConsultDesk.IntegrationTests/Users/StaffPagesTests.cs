using System.Net;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Users;

[Collection(SqliteCollection.Name)]
public sealed class StaffPagesTests(SqliteApp app)
{
    /// <summary>A plain client on the real server that shows redirects instead of following them.</summary>
    private HttpClient NoRedirects() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };

    [Theory]
    [InlineData("/desk")]
    [InlineData("/desk/users")]
    [InlineData("/desk/cases/CD-2026-000001")]
    public async Task Staff_pages_send_anonymous_visitors_to_sign_in(string path)
    {
        using var client = NoRedirects();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_page_shows_an_error_and_no_cookie()
    {
        using var client = NoRedirects();
        var form = await client.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Email", ConsultDeskAppFactory.AdminEmail), new("Password", "not-the-password")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("メールアドレスまたはパスワードが正しくないか", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("ConsultDesk.Staff=", StringComparison.Ordinal));
    }
}
