using System.Net;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Operations;

[CollectionDefinition(Name)]
public sealed class PublishedAppCollection
{
    public const string Name = "the published folder as its own process";
}

/// <summary>The folder <c>dotnet publish src/ConsultDesk.Web -c Release -o out</c> makes (tests/run.sh publishes it), run the way the README deploys it.</summary>
[Collection(PublishedAppCollection.Name)]
public sealed partial class PublishedAppTests
{
    [Fact]
    public async Task The_published_folder_runs_in_Production_with_its_static_files_and_health_endpoints()
    {
        var data = Directory.CreateTempSubdirectory("consultdesk-published-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["ConsultDesk:DataDirectory"] = data,
            ["ConsultDesk:Mail:Transport"] = "Pickup",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        Assert.True(File.Exists(Path.Combine(TestEnvironment.PublishDirectory, "wwwroot", "css", "site.css")), "wwwroot is not in the published folder");

        await using var app = await AppProcess.StartAsync(settings, directory: TestEnvironment.PublishDirectory);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var home = await client.GetStringAsync("/");
        var stylesheet = StylesheetLink().Match(home);
        Assert.True(stylesheet.Success, "the home page links no stylesheet");
        // asp-append-version finds the file only when it is really there: the link carries its hash.
        Assert.Contains("?v=", stylesheet.Groups["href"].Value, StringComparison.Ordinal);
        using var css = await client.GetAsync(WebUtility.HtmlDecode(stylesheet.Groups["href"].Value));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".site-header", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(css.Headers.GetValues("X-Content-Type-Options")));

        // The API reference's assets come with the published app (no CDN).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs/scalar.js")).StatusCode);

        // Outside Development every cookie is Secure, even when the request itself came over http.
        using var signIn = await client.GetAsync("/signin");
        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var culture = await noRedirect.GetAsync("/culture/en?returnUrl=/");
        var cultureCookie = Assert.Single(culture.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=", cultureCookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cultureCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_migrate_command_applies_the_migrations_and_exits()
    {
        var data = Directory.CreateTempSubdirectory("consultdesk-migrate-").FullName;
        var settings = new Dictionary<string, string> { ["ConsultDesk:DataDirectory"] = data, ["Logging:LogLevel:Default"] = "Warning" };

        var (firstCode, first) = await AppProcess.RunCommandAsync(settings, "migrate");
        var (secondCode, second) = await AppProcess.RunCommandAsync(settings, "migrate");

        Assert.True(firstCode == 0, first);
        Assert.Matches(@"Applied \d+ migration\(s\)", first);
        Assert.True(File.Exists(Path.Combine(data, "consultdesk.db")));
        Assert.True(secondCode == 0, second);
        Assert.Contains("already up to date", second, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>[^"]+)""")]
    private static partial Regex StylesheetLink();
}
