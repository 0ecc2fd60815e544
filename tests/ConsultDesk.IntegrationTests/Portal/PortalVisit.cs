using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Portal;

/// <summary>What an inquirer does in the portal tests: submit, read the link from the acknowledgement, post the forms.</summary>
public static partial class PortalVisit
{
    public sealed record Submitted(string Reference, string Email, string Token)
    {
        public string Path => $"/portal/{Token}";
    }

    public static async Task<Submitted> SubmitAsync(ConsultDeskAppFactory app, System.Text.Json.Nodes.JsonObject? body = null, string tag = "portal")
    {
        var email = Infrastructure.Inquiries.UniqueEmail(tag);
        body ??= Infrastructure.Inquiries.Company();
        body["contact"]!["email"] = email;
        using var client = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var acknowledgement = await MailAsync(email, m => (m.Subject ?? "").Contains("受け付けました", StringComparison.Ordinal) || (m.Subject ?? "").Contains("received", StringComparison.OrdinalIgnoreCase));
        return new Submitted(reference, email, TokenIn(acknowledgement));
    }

    /// <summary>The portal token in a mail's portal link (the host in the link is the configured public URL, not the test server).</summary>
    public static string TokenIn(MimeKit.MimeMessage mail)
    {
        var match = PortalLink().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "The mail carries no portal link.");
        return match.Groups[1].Value;
    }

    public static async Task<MimeKit.MimeMessage> MailAsync(string email, Func<MimeKit.MimeMessage, bool> which, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = SmtpSink.MessagesTo([email]).Where(which).ToList();
            if (found.Count >= count) return found[count - 1];
            Assert.True(DateTime.UtcNow < deadline, $"No mail {count} arrived for the address in time.");
            await Task.Delay(250);
        }
    }

    /// <summary>Opens a page and returns its HTML and the antiforgery token of its (first) form.</summary>
    public static async Task<(string Html, string FormToken)> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (html, FormToken().Match(html).Groups[1].Value);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formToken, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", formToken))));

    /// <summary>
    /// A client of the Kestrel-hosted app that follows no redirects, so a test sees the post/redirect/get answer
    /// itself; with <paramref name="cookies"/> false it sends and keeps none (as a mail provider's one-click POST).
    /// </summary>
    public static HttpClient NoRedirectClient(ConsultDeskAppFactory app, bool cookies = true) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new() }) { BaseAddress = app.BaseAddress };

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    [GeneratedRegex(@"https?://\S+?/portal/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")]
    private static partial Regex PortalLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
