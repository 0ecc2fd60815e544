using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The published policies (施策) and guidelines that meet some of the given inquiry topics and are for the given party
/// (or name no party): what the inquiry form, the acknowledgement mail and the case page offer. One query over the
/// facet rows: the topic rows grouped per item (index Facet, Value, ItemId), the party checked by the primary key
/// (ItemId, Facet, Value), the item by its key. Ordered by how many topics match, then policies before guidelines,
/// then newest.
/// </summary>
public static class FindMatchingPolicies
{
    public const int MaxLimit = 10;
    public const int MaxTopics = 20;

    public sealed record Query(IReadOnlyList<string> Topics, string? Party, int Limit = 5) : IQuery<IReadOnlyList<Match>>, IPublicMessage;

    /// <summary>One matching item: its page is /info/{kind}/{slug}.</summary>
    public sealed record Match(Guid Id, InfoKind Kind, string Slug, string Title, string? TitleEn, string Summary, string? SummaryEn,
        string? Ministry, string? Publisher, DateTime? PublishedAt, int MatchedTopics)
    {
        public string Path => $"/info/{Wire.Name(Kind)}/{Slug}";
        public string TitleIn(bool english) => english && !string.IsNullOrWhiteSpace(TitleEn) ? TitleEn : Title;
        public string SummaryIn(bool english) => english && !string.IsNullOrWhiteSpace(SummaryEn) ? SummaryEn : Summary;

        /// <summary>Who issues it: the ministry's label for a policy, the publisher for a guideline.</summary>
        public string? SourceIn(bool english) =>
            Ministry is { } ministry ? InfoCodes.Label(InfoCodes.Ministries, ministry, english) : Publisher;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Topics).Must(t => t.Count <= MaxTopics)
                .WithMessage(_ => string.Format(CultureInfo.InvariantCulture, Texts.InfoDesk_TooManyTopics, MaxTopics));
            RuleForEach(q => q.Topics).Must(Topic.IsKnown).WithMessage(_ => Texts.TopicUnknown).OverridePropertyName("topic");
            RuleFor(q => q.Party).Must(p => p is null || InfoFacets.PartyTypes.Any(t => Wire.Name(t) == p))
                .WithMessage(_ => Texts.InfoDesk_PartyUnknown).OverridePropertyName("party");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit)
                .WithMessage(_ => string.Format(CultureInfo.InvariantCulture, Texts.InfoDesk_LimitRange, MaxLimit)).OverridePropertyName("limit");
        }
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Match>>
    {
        public async ValueTask<IReadOnlyList<Match>> Handle(Query query, CancellationToken cancellationToken) =>
            await Find(db, query.Topics, query.Party, query.Limit, cancellationToken);
    }

    /// <summary>The query itself, for callers that are not a message (the intake, before it takes the write gate).</summary>
    public static async Task<IReadOnlyList<Match>> Find(ConsultDeskDbContext db, IReadOnlyList<string> topics, string? party, int limit,
        CancellationToken cancellationToken)
    {
        var wanted = topics.Where(Topic.IsKnown).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0 || limit <= 0) return [];

        var matched = db.InfoFacetValues.AsNoTracking()
            .Where(f => f.Facet == InfoFacets.Topic && wanted.Contains(f.Value))
            .GroupBy(f => f.ItemId)
            .Select(g => new { ItemId = g.Key, Count = g.Count() });
        var items = db.InfoItems.AsNoTracking()
            .Where(i => i.Status == InfoStatus.Published && (i.Kind == InfoKind.Policy || i.Kind == InfoKind.Guideline));
        if (party is not null)
            items = items.Where(i =>
                db.InfoFacetValues.Any(p => p.ItemId == i.Id && p.Facet == InfoFacets.Party && p.Value == party)
                || !db.InfoFacetValues.Any(p => p.ItemId == i.Id && p.Facet == InfoFacets.Party));

        var rows = await (from m in matched
                          join i in items on m.ItemId equals i.Id
                          orderby m.Count descending, i.Kind == InfoKind.Policy ? 0 : 1, i.PublishedAt descending, i.Id
                          select new Match(i.Id, i.Kind, i.Slug, i.Title, i.TitleEn, i.Summary, i.SummaryEn, i.Ministry, i.Publisher, i.PublishedAt, m.Count))
            .Take(Math.Min(limit, MaxLimit))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Matches remembered per portal version, for intake: every acknowledgement asks one of a few (topics, party)
    /// combinations, and the grouped query cost about as much as writing the case (measured under the bench's intake).
    /// The version is read first on every call and changes with any edit or publication on any node, so an answer is
    /// never older than that read. At most <see cref="MaxEntries"/> combinations are kept per version.
    /// </summary>
    public sealed class RecentMatches
    {
        public const int MaxEntries = 512;

        private sealed record State(string Version, System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Match>> Matches);

        private volatile State state = new("", new(StringComparer.Ordinal));

        public async Task<IReadOnlyList<Match>> FindAsync(ConsultDeskDbContext db, IReadOnlyList<string> topics, string? party, int limit,
            CancellationToken cancellationToken)
        {
            var version = await InfoFinderIndex.VersionAsync(db, cancellationToken);
            var current = state;
            if (current.Version != version) state = current = new State(version, new(StringComparer.Ordinal));
            var key = $"{party}|{limit}|{string.Join(',', topics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";
            if (current.Matches.TryGetValue(key, out var found)) return found;
            found = await Find(db, topics, party, limit, cancellationToken);
            if (current.Matches.Count < MaxEntries) current.Matches.TryAdd(key, found);
            return found;
        }
    }

    /// <summary>What the inquiry form's script reads: small, public fields only.</summary>
    public sealed record JsonItem(string Title, string Url, string Kind, string? Source, string Summary);

    public sealed record JsonResponse(IReadOnlyList<JsonItem> Items);

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/info/matching", async (HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var english = request.Query["lang"].ToString() == "en" || CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                var topics = request.Query["topic"].Select(t => (t ?? "").Trim()).Where(t => t.Length > 0).ToList();
                var party = request.Query["party"].ToString().Trim() is { Length: > 0 } p ? p : null;
                var limit = new Common.Queries.QueryParameters(request.Query).Int("limit", 5, string.Format(CultureInfo.InvariantCulture, Texts.InfoDesk_LimitRange, MaxLimit));
                var found = await sender.Send(new Query(topics, party, limit), ct);
                response.Headers.CacheControl = "public, max-age=60";
                return TypedResults.Ok(new JsonResponse([.. found.Select(m => new JsonItem(m.TitleIn(english), m.Path, Wire.Name(m.Kind),
                    m.SourceIn(english), m.SummaryIn(english)))]));
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces<JsonResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(FindMatchingPolicies))
            .WithSummary("Published policies and guidelines matching inquiry topics")
            .WithDescription("Anonymous. `topic` (repeatable: inquiry topic slugs, at most 20), `party` (municipality | company | worker; items for that party or for no party), `limit` (1–10, default 5). Published policies (施策) and guidelines only, most topics matched first, then policies before guidelines, then newest. Each item: title, url (/info/{kind}/{slug}), kind, source (ministry or publisher), summary. Used by the inquiry form.")
            .WithTags("Information portal");
}
