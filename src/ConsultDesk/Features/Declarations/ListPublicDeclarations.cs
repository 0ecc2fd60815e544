using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The public list of Action宣言 (/sengen and its JSON API): listed declarations only, newest number first, filtered
/// by prefecture, industry, size band and commitment item and searched by a Japanese partial word, keyset-paged on the
/// number. Every facet has an index starting with (Listed, facet, Number) or (ItemCode, Number); the word goes through
/// <see cref="DeclarationSearchQuery"/>. Only public fields of the accepted version leave this slice.
/// </summary>
public static class ListPublicDeclarations
{
    public sealed record Query : IQuery<Response>, IPublicMessage
    {
        public string? PrefectureCode { get; init; }
        /// <summary>JSIC division letter (<see cref="Domain.Industry"/>).</summary>
        public string? Industry { get; init; }
        public CompanySize? Size { get; init; }
        /// <summary>A commitment item's code (【n】).</summary>
        public string? Item { get; init; }
        public string? Q { get; init; }
        /// <summary>The page after this number (a previous answer's <c>nextCursor</c>): numbers below it.</summary>
        public int? After { get; init; }
        public int Limit { get; init; } = DefaultLimit;
    }

    public const int DefaultLimit = 20;

    /// <summary>One listed declarant: public facts of the accepted version.</summary>
    public sealed record Item(int Number, string FormattedNumber, string OrganizationName, string OrganizationNameKana, string PrefectureCode,
        string LocalGovernmentCode, string Industry, CompanySize? Size, IReadOnlyList<string> ItemCodes, DateTime AcceptedAt, DateTime PublishedAt);

    /// <summary>
    /// A page, the cursor to the next one (null at the end) and how many declarations match, counted up to
    /// <see cref="CountCap"/> (<see cref="TotalCapped"/> says there are more), as the case queue counts.
    /// </summary>
    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor, int Total, bool TotalCapped);

    public const int CountCap = 1000;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.PrefectureCode).Must(p => p is null || Prefecture.IsValidCode(p)).WithMessage(_ => Texts.Prefecture);
            RuleFor(q => q.Industry).Must(i => i is null || Domain.Industry.IsKnown(i)).WithMessage(_ => Texts.SengenIndustryInvalid);
            RuleFor(q => q.Item).MaximumLength(DeclarationItem.MaxCodeLength).WithMessage(_ => Texts.SengenItemInvalid);
            RuleFor(q => q.Q).MaximumLength(100).WithMessage(_ => string.Format(CultureInfo.InvariantCulture, Texts.TooLong, "q", 100));
            RuleFor(q => q.After).GreaterThan(0).WithMessage(_ => Texts.QueueCursor);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await Filter(db, query, null).Take(CountCap + 1).CountAsync(cancellationToken);
            var rows = await Filter(db, query, query.After).OrderByDescending(d => d.Number).Take(query.Limit + 1)
                .Select(d => new
                {
                    d.Id, Number = d.Number!.Value, d.PublicName, d.PublicNameKana, d.PublicPrefectureCode, d.PublicLocalGovernmentCode,
                    d.PublicIndustry, d.PublicSize, AcceptedAt = d.AcceptedAt!.Value, PublishedAt = d.PublishedAt!.Value,
                })
                .ToListAsync(cancellationToken);
            var more = rows.Count > query.Limit;
            if (more) rows.RemoveAt(rows.Count - 1);

            var ids = rows.Select(r => r.Id).ToList();
            var items = (await db.DeclarationPublicItems.AsNoTracking().Where(i => ids.Contains(i.DeclarationId))
                    .Select(i => new { i.DeclarationId, i.ItemCode }).ToListAsync(cancellationToken))
                .ToLookup(i => i.DeclarationId, i => i.ItemCode);
            var page = rows.Select(r => new Item(r.Number, Declaration.FormatNumber(r.Number), r.PublicName ?? "", r.PublicNameKana ?? "",
                r.PublicPrefectureCode ?? "", r.PublicLocalGovernmentCode ?? "", r.PublicIndustry ?? "", r.PublicSize,
                [.. items[r.Id].Order(StringComparer.Ordinal)], r.AcceptedAt, r.PublishedAt)).ToList();
            return new Response(page, more ? page[^1].Number.ToString(CultureInfo.InvariantCulture) : null,
                Math.Min(total, CountCap), total > CountCap);
        }
    }

    /// <summary>The listed declarations the filters keep, below <paramref name="below"/> when paging.</summary>
    public static IQueryable<Declaration> Filter(ConsultDeskDbContext db, Query query, int? below)
    {
        var search = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q;
        var sqliteMatch = search is not null && !db.Database.IsNpgsql() ? DeclarationSearchQuery.SqliteMatch(search) : null;
        var declarations = (sqliteMatch is not null ? db.Declarations.FromSqlRaw(DeclarationSearchQuery.SqliteSource(db), sqliteMatch) : db.Declarations)
            .AsNoTracking().Where(d => d.Listed);
        if (query.PrefectureCode is { } prefecture) declarations = declarations.Where(d => d.PublicPrefectureCode == prefecture);
        if (query.Industry is { } industry) declarations = declarations.Where(d => d.PublicIndustry == industry);
        if (query.Size is { } size) declarations = declarations.Where(d => d.PublicSize == size);
        if (query.Item is { } item)
            declarations = declarations.Where(d => db.DeclarationPublicItems.Any(i => i.ItemCode == item && i.DeclarationId == d.Id));
        if (search is not null && db.Database.IsNpgsql() && DeclarationSearchQuery.For(db, search, below) is { } matches)
            declarations = declarations.Where(d => matches.Contains(d.Id));
        if (below is { } after) declarations = declarations.Where(d => d.Number < after);
        return declarations;
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/declarations", async (HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(Parse(request.Query), ct);
                response.Headers.CacheControl = "public, max-age=60";
                return TypedResults.Ok(result);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces<Response>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(ListPublicDeclarations))
            .WithSummary("The public list of Action宣言")
            .WithDescription("Anonymous. Accepted, not withdrawn declarations, newest number first, with the public fields of the accepted version only. Filters: `prefectureCode` (JIS), `industry` (JSIC division), `size` (small < 50 employees, medium 50–299, large ≥ 300), `item` (a commitment item's code, e.g. `1`), `q` (a Japanese partial word in the name, its kana or a 取組内容). Paging: `limit` (1–100, default 20) and `cursor` (the previous page's `nextCursor`). `total` counts up to 1,000 (`totalCapped` beyond).")
            .WithTags("Action宣言");

    public static Query Parse(IQueryCollection query)
    {
        var q = new QueryParameters(query);
        var after = q.Cursor() is { } cursor
            ? int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw QueryParameters.Invalid("cursor", Texts.QueueCursor)
            : (int?)null;
        return new Query
        {
            PrefectureCode = q.Text("prefectureCode"),
            Industry = q.Text("industry"),
            Size = q.Enum<CompanySize>("size", Texts.SengenSizeInvalid),
            Item = q.Text("item"),
            Q = q.Text("q"),
            After = after,
            Limit = q.Limit(DefaultLimit),
        };
    }
}
