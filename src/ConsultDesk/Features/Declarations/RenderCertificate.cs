using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The 宣言書 of a listed declaration as a PDF (<c>/sengen/{number}/certificate.pdf</c>, anonymous). Unknown or never
/// accepted numbers are 404; a withdrawn declaration's certificate is gone (410). The ETag follows what the PDF
/// shows: the accepted version (<see cref="Declaration.PublishedAt"/>), the commitment items' wording and the
/// issuer setting, so a pending change under review or a yearly-check answer does not invalidate it. Rendered PDFs
/// are kept in memory per ETag (<see cref="CertificateCache"/>).
/// </summary>
public static class RenderCertificate
{
    public sealed record Query(int Number, string? IfNoneMatch = null) : IQuery<Model>, IPublicMessage;

    public enum Outcome { Ok, NotModified, NotFound, Withdrawn }

    public sealed record Model(Outcome Outcome, string? ETag = null, byte[]? Pdf = null, string? FileName = null);

    public sealed class Handler(ConsultDeskDbContext db, CertificateCache cache, DeclarationLinks links, IOptions<ConsultDeskOptions> options)
        : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var declaration = await db.Declarations.AsNoTracking()
                .Where(d => d.Number == query.Number)
                .Select(d => new { d.Id, d.Listed, d.AcceptedAt, d.PublishedAt, d.AcceptedVersionNumber, d.PublicName })
                .SingleOrDefaultAsync(cancellationToken);
            if (declaration is not { AcceptedAt: { } acceptedAt, PublishedAt: { } publishedAt, AcceptedVersionNumber: { } versionNumber })
                return new Model(Outcome.NotFound);
            if (!declaration.Listed) return new Model(Outcome.Withdrawn);

            var issuer = options.Value.DeclarationCertificate.Issuer;
            var itemsChanged = await db.DeclarationItems.AsNoTracking().Where(i => i.Kind == DeclarationItemKind.Commitment)
                .MaxAsync(i => (DateTime?)i.UpdatedAt, cancellationToken) ?? DateTime.MinValue;
            var etag = string.Create(CultureInfo.InvariantCulture,
                $"\"c{query.Number}-{publishedAt.Ticks:x}-{versionNumber}-{itemsChanged.Ticks:x}-{(uint)StableHash(issuer + "\n" + links.BaseUrl):x}\"");
            var fileName = $"sengen-{query.Number:D6}.pdf";
            if (query.IfNoneMatch is { } ifNoneMatch && Matches(ifNoneMatch, etag)) return new Model(Outcome.NotModified, etag, FileName: fileName);

            var pdf = await cache.GetOrRenderAsync(etag, async () =>
            {
                var content = await db.DeclarationVersions.AsNoTracking()
                    .Where(v => v.DeclarationId == declaration.Id && v.Number == versionNumber)
                    .Select(v => v.Content).SingleAsync(cancellationToken);
                var accepted = System.Text.Json.JsonSerializer.Deserialize<DeclarationContent>(content, Wire.JsonOptions)!;
                var codes = accepted.Commitments.Select(c => c.ItemCode).ToList();
                var labels = await db.DeclarationItems.AsNoTracking()
                    .Where(i => i.Kind == DeclarationItemKind.Commitment && codes.Contains(i.Code))
                    .ToDictionaryAsync(i => i.Code, i => i.LabelJa, StringComparer.Ordinal, cancellationToken);
                return CertificateDocument.Render(new CertificateContent(
                    query.Number,
                    JapanTime.DateOf(acceptedAt),
                    declaration.PublicName ?? accepted.OrganizationName,
                    accepted.RepresentativeTitle,
                    accepted.RepresentativeName,
                    accepted.Commitments.Select(c => new CertificateCommitment($"【{c.ItemCode}】", labels.GetValueOrDefault(c.ItemCode, ""), c.Text)).ToList(),
                    links.PublicUrl(query.Number),
                    issuer));
            });
            return new Model(Outcome.Ok, etag, pdf, fileName);
        }

        private static bool Matches(string ifNoneMatch, string etag) =>
            EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));

        // string.GetHashCode is randomised per process; the ETag must be the same in every instance behind a balancer.
        private static int StableHash(string value)
        {
            var hash = 17;
            foreach (var c in value) hash = unchecked(hash * 31 + c);
            return hash;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/sengen/{number:int}/certificate.pdf", async (int number, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            {
                var model = await sender.Send(new Query(number, http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } tag ? tag : null), cancellationToken);
                var headers = http.Response.Headers;
                switch (model.Outcome)
                {
                    case Outcome.NotFound:
                        headers.CacheControl = "no-cache";
                        return Results.NotFound();
                    case Outcome.Withdrawn:
                        headers.CacheControl = "no-cache";
                        return Results.StatusCode(StatusCodes.Status410Gone);
                }
                headers.ETag = model.ETag;
                // As the public directory: five minutes in shared caches, then revalidated by ETag.
                headers.CacheControl = "public, max-age=300";
                if (model.Outcome == Outcome.NotModified) return Results.StatusCode(StatusCodes.Status304NotModified);
                headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = model.FileName, FileName = model.FileName }.ToString();
                return Results.Bytes(model.Pdf!, "application/pdf");
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status410Gone)
            .WithName(nameof(RenderCertificate))
            .WithSummary("The 宣言書 (declaration certificate) of an accepted declaration")
            .WithDescription("Anonymous. An A4 PDF with the number, the acceptance date (和暦 and 西暦), the organisation, its representative and commitments, in Japanese with the font embedded, and a QR code of the public page `/sengen/{number}`. 404 for a number never accepted, 410 once the declaration is withdrawn. ETag/If-None-Match; cached for five minutes.")
            .WithTags("Declarations");
}

/// <summary>
/// Rendered certificates by ETag, in a bounded in-memory cache of its own (<c>DeclarationCertificate:CacheEntries</c>),
/// so a popular certificate is drawn once per process and version while memory stays capped.
/// </summary>
public sealed class CertificateCache : IDisposable
{
    private readonly MemoryCache cache;

    public CertificateCache(IOptions<ConsultDeskOptions> options) =>
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.DeclarationCertificate.CacheEntries) });

    public async Task<byte[]> GetOrRenderAsync(string etag, Func<Task<byte[]>> render)
    {
        if (cache.TryGetValue(etag, out byte[]? pdf) && pdf is not null) return pdf;
        pdf = await render();
        cache.Set(etag, pdf, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });
        return pdf;
    }

    public void Dispose() => cache.Dispose();
}
