using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.LocalGovernments;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The public results of a year (/award/{year} and its JSON), from the round's publication date on. Before it, and
/// for a year without a round, the results do not exist (404): nothing tells a reader that a round is decided.
/// Per category in order: the current decision's winners (organisation, entry title, partner municipality names)
/// and its 審査講評; a category without a current decision has no winners (the page says 「該当なし」).
/// </summary>
public static class GetPublicAwardResults
{
    public sealed record Query(int Year) : IQuery<Model>, IPublicMessage;

    public sealed record Model(int Year, string Title, DateTime PublishAt, IReadOnlyList<Category> Categories);

    public sealed record Category(string Code, string NameJa, string NameEn, bool ForPartnerMunicipality, bool Decided, IReadOnlyList<Winner> Winners, string? Review)
    {
        public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;
    }

    /// <summary>
    /// A winning entry. <see cref="PartnerMunicipalities"/>: the municipality named with it (the partner of an
    /// organisation's entry, or the municipality itself for 連携パートナー賞). <see cref="PartnerEntries"/>: for a
    /// 連携パートナー賞 winner, the organisations' entries that name it as partner.
    /// </summary>
    public sealed record Winner(string OrganizationName, string Title, IReadOnlyList<string> PartnerMunicipalities, IReadOnlyList<PartnerEntry> PartnerEntries);

    public sealed record PartnerEntry(string OrganizationName, string Title);

    public sealed class Handler(ConsultDeskDbContext db, LocalGovernmentDirectory localGovernments, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var round = await db.AwardRounds.AsNoTracking().Include(r => r.Categories)
                .Where(r => r.Year == query.Year)
                .SingleOrDefaultAsync(cancellationToken);
            // Compared here, not in SQL: PostgreSQL keeps microseconds, and one tick before the moment must stay hidden.
            if (round is null || !round.IsPublished(now)) throw new NotFoundException("Award results");
            var decisions = await db.AwardDecisions.AsNoTracking().Where(d => d.RoundId == round.Id && d.ReopenedAt == null).ToListAsync(cancellationToken);
            var entries = await AwardResultsData.SubmittedEntriesAsync(db, round.Id, cancellationToken);
            var byId = entries.ToDictionary(e => e.Id);

            string? NameOf(string? code) => code is null ? null : localGovernments.Find(code)?.Name ?? code;
            var categories = round.Categories.OrderBy(c => c.Order).Select(c =>
            {
                var decision = decisions.FirstOrDefault(d => d.CategoryId == c.Id);
                var winners = decision is null ? [] : decision.ReadWinners().Where(byId.ContainsKey).Select(id =>
                {
                    var entry = byId[id];
                    var municipality = NameOf(entry.EntrantMunicipalityCode ?? entry.PartnerMunicipalityCode);
                    return new Winner(entry.OrganizationName, entry.Title, municipality is null ? [] : [municipality],
                        c.ForPartnerMunicipality ? [.. AwardResultsData.PartnerEntries(entries, entry).Select(p => new PartnerEntry(p.OrganizationName, p.Title))] : []);
                }).ToList();
                return new Category(c.Code, c.NameJa, c.NameEn, c.ForPartnerMunicipality, decision is not null, winners, decision?.Review);
            }).ToList();
            return new Model(round.Year, round.Title, round.PublishAt, categories);
        }
    }

    /// <summary>Cache-Control of the public results, like /sengen and /offices: five minutes shared for anonymous readers.</summary>
    public const string PublicCacheControl = "public, max-age=300";

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/award/{year:int}", async (int year, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(year), ct);
                response.Headers.CacheControl = PublicCacheControl;
                return TypedResults.Ok(model);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces<Model>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetPublicAwardResults))
            .WithSummary("The published results of a year's award")
            .WithDescription("Anonymous. From the round's publication date: the title and, per category in order, the winners (organisation, entry title, partner municipality names) and the 審査講評 of the current decision (decided false and no winners when none). 404 before the publication date and for a year without a round.")
            .WithTags("Award");
}
