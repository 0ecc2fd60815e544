using System.Globalization;
using System.Text;
using System.Xml;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Info;

/// <summary>
/// /sitemap.xml: every public page (home, the three inquiry forms, the office directory and each published municipality
/// profile, the Action宣言 list and each listed declarant, the portal home, its finders and each published item with
/// its last change), written straight to the response with an XmlWriter from streamed, keyset-free projections, so no
/// table is held in memory. A sitemap may hold <see cref="MaxUrls"/> URLs; beyond that the rest is left out (the
/// portal items come before the declarants, which are the only list that can grow that large).
/// </summary>
public static class WriteSitemap
{
    public const int MaxUrls = 50_000;
    private const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static async Task WriteAsync(ConsultDeskDbContext db, string baseUrl, Stream output, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = false };
        await using var writer = XmlWriter.Create(output, settings);
        await writer.WriteStartDocumentAsync();
        await writer.WriteStartElementAsync(null, "urlset", Ns);
        var written = 0;

        async Task<bool> Url(string path, DateTime? lastModified = null)
        {
            if (written >= MaxUrls) return false;
            written++;
            await writer.WriteStartElementAsync(null, "url", Ns);
            await writer.WriteElementStringAsync(null, "loc", Ns, baseUrl + path);
            if (lastModified is { } at)
                await writer.WriteElementStringAsync(null, "lastmod", Ns,
                    DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            await writer.WriteEndElementAsync();
            return true;
        }

        await Url("/");
        foreach (var party in InfoFacets.PartyTypes) await Url("/inquiries/" + Wire.Name(party));
        await Url("/info");
        foreach (var kind in Enum.GetValues<InfoKind>()) await Url("/info/" + InfoCodes.KindSlug(kind));
        await foreach (var item in db.InfoItems.AsNoTracking().Where(i => i.Status == InfoStatus.Published)
                           .OrderBy(i => i.Kind).ThenBy(i => i.Slug)
                           .Select(i => new { i.Kind, i.Slug, i.UpdatedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (!await Url($"/info/{InfoCodes.KindSlug(item.Kind)}/{item.Slug}", item.UpdatedAt)) break;
        await Url("/offices");
        await foreach (var profile in db.MunicipalityProfiles.AsNoTracking().Where(p => p.IsPublished).OrderBy(p => p.Code)
                           .Select(p => new { p.Code, p.UpdatedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (!await Url("/offices/" + profile.Code, profile.UpdatedAt)) break;
        await Url("/sengen");
        await foreach (var number in db.Declarations.AsNoTracking().Where(d => d.Listed).OrderByDescending(d => d.Number)
                           .Select(d => d.Number!.Value).AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (!await Url("/sengen/" + number.ToString(CultureInfo.InvariantCulture))) break;

        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/sitemap.xml", async (HttpContext context, ConsultDeskDbContext db, IOptions<ConsultDeskOptions> options, CancellationToken ct) =>
            {
                context.Response.ContentType = "application/xml; charset=utf-8";
                context.Response.Headers.CacheControl = "public, max-age=3600";
                await WriteAsync(db, options.Value.PublicBaseUrl.TrimEnd('/'), context.Response.Body, ct);
            })
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName(nameof(WriteSitemap));
}
