using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Info;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// A published item's public page (/info/{kind}/{slug}) and its JSON: the content in the reader's language (Japanese
/// when there is no translation), the body as sanitised HTML, the main link with the link checker's last verdict, a
/// guideline's editions, a case study's images and the municipality profile and Action宣言 it links when those are public.
/// Drafts, scheduled and unpublished items are not found.
/// </summary>
public static class GetPublicInfoItem
{
    public sealed record Query(InfoKind Kind, string Slug, bool English = false) : IQuery<Model>, IPublicMessage;

    public sealed record MainLink(string Url, LinkState State, DateTime? CheckedAt);

    public sealed record Edition(string Name, DateOnly? IssuedOn, string? Url);

    public sealed record Image(Guid Id, string AltText, string Url);

    public sealed record Model(Guid Id, InfoKind Kind, string Slug, string Title, string Summary, string BodyHtml, bool Translated,
        string? Url, DateOnly? AsOf, string? Category, string? CategoryLabel, string? Ministry, string? MinistryLabel,
        IReadOnlyList<string> Parties, IReadOnlyList<string> Topics, IReadOnlyList<string> Prefectures,
        DateOnly? ApplicationOpensOn, DateOnly? ApplicationClosesOn, bool IsOpen, string? Publisher, string? Edition, DateOnly? IssuedOn,
        string? OrganizationName, string? MunicipalityCode, string? MunicipalityName, bool MunicipalityProfilePublished,
        int? DeclarationNumber, bool DeclarationListed, bool IsSample, DateTime PublishedAt, DateTime UpdatedAt,
        MainLink? Link, IReadOnlyList<Edition> Editions, IReadOnlyList<Image> Images)
    {
        public bool LinkBroken => Link?.State == LinkState.Broken;
    }

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var item = await db.InfoItems.AsNoTracking()
                .SingleOrDefaultAsync(i => i.Kind == query.Kind && i.Slug == query.Slug && i.Status == InfoStatus.Published, cancellationToken)
                ?? throw new NotFoundException("Info item");
            var english = query.English;
            var link = item.Url is null ? null : await db.InfoLinks.AsNoTracking()
                .Where(l => l.ItemId == item.Id && l.IsMain)
                .Select(l => new MainLink(l.Url, l.State, l.CheckedAt)).FirstOrDefaultAsync(cancellationToken);
            link ??= item.Url is null ? null : new MainLink(item.Url, LinkState.Unchecked, null);
            if (link?.CheckedAt is { } checkedAt) link = link with { CheckedAt = DateTime.SpecifyKind(checkedAt, DateTimeKind.Utc) };

            var editions = item.Kind == InfoKind.Guideline
                ? await db.InfoEditions.AsNoTracking().Where(e => e.ItemId == item.Id).OrderByDescending(e => e.RecordedAt)
                    .Select(e => new Edition(e.Edition, e.IssuedOn, e.Url)).ToListAsync(cancellationToken)
                : [];
            var images = item.Kind == InfoKind.CaseStudy
                ? (await db.InfoImages.AsNoTracking().Where(i => i.ItemId == item.Id).OrderBy(i => i.SortOrder)
                    .Select(i => new { i.Id, i.AltText }).ToListAsync(cancellationToken))
                    .Select(i => new Image(i.Id, i.AltText, InfoMarkdown.ImagePath + i.Id.ToString("D", CultureInfo.InvariantCulture))).ToList()
                : [];

            string? municipalityName = null;
            var profilePublished = false;
            if (item.MunicipalityCode is { } code)
            {
                var profile = await db.MunicipalityProfiles.AsNoTracking().Where(p => p.Code == code)
                    .Select(p => new { p.Name, p.IsPublished }).FirstOrDefaultAsync(cancellationToken);
                municipalityName = profile?.Name;
                profilePublished = profile?.IsPublished ?? false;
            }
            var declarationListed = item.DeclarationNumber is { } number
                && await db.Declarations.AsNoTracking().AnyAsync(d => d.Number == number && d.Listed, cancellationToken);

            var translated = english && !string.IsNullOrWhiteSpace(item.TitleEn);
            return new Model(item.Id, item.Kind, item.Slug, item.TitleIn(english), item.SummaryIn(english),
                InfoMarkdown.ToHtml(item.BodyIn(english)), translated, item.Url, item.AsOf,
                item.Category, item.Category is null ? null : InfoCodes.Label(InfoCodes.PolicyCategories, item.Category, english),
                item.Ministry, item.Ministry is null ? null : InfoCodes.Label(InfoCodes.Ministries, item.Ministry, english),
                item.Parties, item.Topics, item.Prefectures, item.ApplicationOpensOn, item.ApplicationClosesOn,
                item.Content.IsOpenOn(JapanTime.Today(clock)), item.Publisher, item.Edition, item.IssuedOn,
                item.OrganizationName, item.MunicipalityCode, municipalityName, profilePublished,
                item.DeclarationNumber, declarationListed, item.IsSample,
                DateTime.SpecifyKind(item.PublishedAt ?? item.UpdatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(item.UpdatedAt, DateTimeKind.Utc),
                link, editions, images);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/info/{kind}/{slug}", async (string kind, string slug, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                if (!InfoCodes.TryParseKind(kind, out var parsed) || slug.Length > InfoItem.MaxSlugLength)
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Texts.InfoPublic_NotFound);
                var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                var model = await sender.Send(new Query(parsed, slug, english), ct);
                response.Headers.CacheControl = "public, max-age=60";
                return Results.Ok(model);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces<Model>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(GetPublicInfoItem))
            .WithSummary("One published item of the information portal")
            .WithDescription("Anonymous. A published item by kind and slug: its content in the request's language (`?culture=en` gives the English text when there is a translation), the body as sanitised HTML, the main link with the link checker's state (`unchecked`, `ok`, `redirected`, `broken`) and last-checked time, a guideline's editions and a case study's images.")
            .WithTags("Information portal");
}

/// <summary>A fingerprint of everything the portal's public pages show, for their ETag (as <see cref="Offices.GetDirectoryVersion"/>).</summary>
public static class GetInfoVersion
{
    public sealed record Query : IQuery<string>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var items = await db.InfoItems.AsNoTracking().GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Latest = g.Max(i => i.UpdatedAt), Versions = g.Sum(i => (long)i.Version) })
                .SingleOrDefaultAsync(cancellationToken);
            var checkedAt = await db.InfoLinks.AsNoTracking().MaxAsync(l => l.CheckedAt, cancellationToken);
            // 受付中 changes with the day in Japan even when nothing is edited.
            var today = JapanTime.Today(clock);
            return items is null ? $"0-{today:yyyyMMdd}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{items.Count}-{items.Latest.Ticks:x}-{items.Versions}-{(checkedAt ?? DateTime.MinValue).Ticks:x}-{today:yyyyMMdd}");
        }
    }
}
