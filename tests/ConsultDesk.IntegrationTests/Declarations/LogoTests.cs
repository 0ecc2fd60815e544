using System.Net;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>The badge reaches accepted, listed declarants through their own link and nobody else; its terms are public.</summary>
public abstract class LogoTests(ConsultDeskAppFactory app)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task An_accepted_declarant_downloads_the_logo_as_SVG_and_PNG_attachments_through_their_link()
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app);
        using var client = app.CreateClient();

        using var svg = await client.GetAsync($"/sengen/manage/{seeded.ManageToken}/logo.svg");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", svg.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("action-sengen-logo.svg", svg.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", svg.Headers.CacheControl?.ToString());
        var text = await svg.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", text);
        Assert.Contains("Action宣言", text);   // in its title; the drawn letters are outlines

        using var png = await client.GetAsync($"/sengen/manage/{seeded.ManageToken}/logo.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", png.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(PngSignature, (await png.Content.ReadAsByteArrayAsync())[..8]);
    }

    [Theory]
    [InlineData(DeclarationStatus.Withdrawn)]
    [InlineData(DeclarationStatus.InReview)]
    [InlineData(DeclarationStatus.Returned)]
    [InlineData(DeclarationStatus.Rejected)]
    public async Task A_declaration_that_is_not_listed_gets_no_logo_even_with_its_own_link(DeclarationStatus status)
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app, status);
        using var client = app.CreateClient();

        using var svg = await client.GetAsync($"/sengen/manage/{seeded.ManageToken}/logo.svg");
        using var png = await client.GetAsync($"/sengen/manage/{seeded.ManageToken}/logo.png");

        Assert.Equal(HttpStatusCode.NotFound, svg.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, png.StatusCode);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]   // well formed, unknown
    [InlineData("not-a-token")]
    public async Task A_wrong_token_gets_no_logo(string token)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/sengen/manage/{token}/logo.png");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_expired_link_gets_no_logo()
    {
        // Seeded two hundred days ago: its link (180 days) has run out although the declaration is still listed.
        var seeded = await Infrastructure.Declarations.SeedAsync(app, nowUtc: DateTime.UtcNow.AddDays(-200));
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/sengen/manage/{seeded.ManageToken}/logo.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_logo_terms_are_public_in_Japanese_and_English_and_say_they_are_sample_wording()
    {
        using var client = app.CreateClient();

        var japanese = await client.GetStringAsync("/sengen/logo-terms");
        var english = await client.GetStringAsync("/sengen/logo-terms?culture=en");

        Assert.Contains("ロゴマークの使用条件", japanese);
        Assert.Contains("見本の文言", japanese);
        Assert.Contains("政府機関の標章ではありません", japanese);
        Assert.Contains("Terms of use of the Action宣言 logo", english);
        Assert.Contains("Sample wording", english);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteLogoTests(SqliteApp app) : LogoTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresLogoTests(PostgresApp app) : LogoTests(app);
