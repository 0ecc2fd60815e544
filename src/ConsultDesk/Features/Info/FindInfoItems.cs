using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Cases;
using ConsultDesk.Features.Declarations;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// A finder of one kind (/info/{kind}, its feed and its JSON API): published items filtered by a Japanese partial word
/// (the bigram search document, as <see cref="DeclarationSearchQuery"/>), by facet values (OR within a facet, AND across
/// facets; a prefecture also matches items scoped <see cref="InfoCodes.National"/>) and by 受付中 (the application period
/// includes today in Japan), sorted newest first or by deadline, in pages of <see cref="PageSize"/>. Each facet's counts
/// are taken over the items the word, 受付中 and the OTHER facets keep (disjunctive faceting), all facets in one
/// statement over the facet rows' primary key.
/// </summary>
public static class FindInfoItems
{
    public const int PageSize = 20, MaxPage = 500, MaxQueryLength = 100, MaxValuesPerFacet = 20;

    public sealed record Query : IQuery<Response>, IPublicMessage
    {
        public InfoKind Kind { get; init; }
        public string? Q { get; init; }
        /// <summary>Selected values per facet key (<see cref="InfoFacets"/>).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Facets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
        /// <summary>受付中のみ.</summary>
        public bool Open { get; init; }
        public InfoSort Sort { get; init; } = InfoSort.Newest;
        public int Page { get; init; } = 1;
        /// <summary>Rows per page: <see cref="PageSize"/> for the finder, more for a feed.</summary>
        public int Size { get; init; } = PageSize;
        /// <summary>Labels in English.</summary>
        public bool English { get; init; }
        /// <summary>Skip the facet counts (the feed needs only the items).</summary>
        public bool WithoutFacets { get; init; }

        public IReadOnlyList<string> Selected(string facet) => Facets.TryGetValue(facet, out var values) ? values : [];
    }

    public sealed record Item(Guid Id, InfoKind Kind, string Slug, string Title, string Summary, string? Url, DateOnly? AsOf,
        string? Category, string? CategoryLabel, string? Ministry, string? MinistryLabel, IReadOnlyList<string> Parties,
        IReadOnlyList<string> Topics, IReadOnlyList<string> Prefectures, DateOnly? ApplicationOpensOn, DateOnly? ApplicationClosesOn,
        bool IsOpen, string? Publisher, string? Edition, DateOnly? IssuedOn, string? OrganizationName, string? MunicipalityCode,
        bool IsSample, DateTime PublishedAt, DateTime UpdatedAt);

    public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

    public sealed record Facet(string Key, string Label, IReadOnlyList<FacetValue> Values);

    public sealed record Response(IReadOnlyList<Item> Items, IReadOnlyList<Facet> Facets, int Total, int Page, int PageSize)
    {
        public int Pages => Total == 0 ? 1 : Math.Min(MaxPage, (Total + PageSize - 1) / PageSize);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).MaximumLength(MaxQueryLength)
                .WithMessage(_ => string.Format(CultureInfo.InvariantCulture, Texts.TooLong, "q", MaxQueryLength));
            RuleFor(q => q.Page).InclusiveBetween(1, MaxPage)
                .WithMessage(_ => string.Format(CultureInfo.InvariantCulture, Texts.InfoPublic_PageInvalid, MaxPage));
            RuleFor(q => q.Size).InclusiveBetween(1, 100).WithMessage(_ => Texts.QueueLimit);
            RuleFor(q => q).Custom((query, context) =>
            {
                var facets = InfoFacets.For(query.Kind);
                foreach (var (key, values) in query.Facets)
                {
                    if (values.Count == 0) continue;
                    var facet = facets.FirstOrDefault(f => f.Key == key);
                    if (facet is null)
                    {
                        context.AddFailure(key, string.Format(CultureInfo.InvariantCulture, Texts.InfoPublic_FacetNotHere, key));
                        continue;
                    }
                    if (values.Count > MaxValuesPerFacet)
                        context.AddFailure(key, string.Format(CultureInfo.InvariantCulture, Texts.InfoPublic_FacetTooMany, MaxValuesPerFacet));
                    foreach (var value in values)
                        if (facet.Options is { } options ? options.All(o => o.Value != value) : value.Length > InfoFacetValue.MaxValueLength)
                        {
                            context.AddFailure(key, string.Format(CultureInfo.InvariantCulture, Texts.InfoPublic_FacetValueInvalid, value.Length > 40 ? value[..40] + "…" : value));
                            break;
                        }
                }
            });
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = JapanTime.Today(clock);
            var filtered = Filter(db, query, today, except: null);
            var total = await filtered.CountAsync(cancellationToken);
            var sorted = query.Sort == InfoSort.Deadline
                ? filtered.OrderBy(i => i.ApplicationClosesOn == null).ThenBy(i => i.ApplicationClosesOn).ThenByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id)
                : filtered.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id);
            var rows = await sorted.Skip((query.Page - 1) * query.Size).Take(query.Size)
                .Select(i => new
                {
                    i.Id, i.Kind, i.Slug, i.Title, i.TitleEn, i.Summary, i.SummaryEn, i.Url, i.AsOf, i.Category, i.Ministry, i.Parties, i.Topics,
                    i.Prefectures, i.ApplicationOpensOn, i.ApplicationClosesOn, i.Publisher, i.Edition, i.IssuedOn, i.OrganizationName,
                    i.MunicipalityCode, i.IsSample, PublishedAt = i.PublishedAt ?? i.UpdatedAt, i.UpdatedAt,
                })
                .ToListAsync(cancellationToken);
            var english = query.English;
            var items = rows.Select(r => new Item(r.Id, r.Kind, r.Slug,
                english && !string.IsNullOrWhiteSpace(r.TitleEn) ? r.TitleEn : r.Title,
                english && !string.IsNullOrWhiteSpace(r.SummaryEn) ? r.SummaryEn : r.Summary,
                r.Url, r.AsOf, r.Category, r.Category is null ? null : InfoCodes.Label(InfoCodes.PolicyCategories, r.Category, english),
                r.Ministry, r.Ministry is null ? null : InfoCodes.Label(InfoCodes.Ministries, r.Ministry, english),
                r.Parties, r.Topics, r.Prefectures, r.ApplicationOpensOn, r.ApplicationClosesOn,
                new InfoContent { ApplicationOpensOn = r.ApplicationOpensOn, ApplicationClosesOn = r.ApplicationClosesOn }.IsOpenOn(today),
                r.Publisher, r.Edition, r.IssuedOn, r.OrganizationName, r.MunicipalityCode, r.IsSample,
                DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc), DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc))).ToList();

            var facets = query.WithoutFacets ? [] : await FacetsAsync(query, today, english, cancellationToken);
            return new Response(items, facets, total, query.Page, query.Size);
        }

        private sealed class FacetCount
        {
            public string Facet { get; set; } = "";
            public string Value { get; set; } = "";
            public long Count { get; set; }
            /// <summary>Of <see cref="Count"/>, the items that are also nationwide (a prefecture's count adds the nationwide items once).</summary>
            public long National { get; set; }
        }

        /// <summary>
        /// Every facet's counts in ONE statement, so the word is searched once: the items the word and 受付中 keep are
        /// marked with whether they pass each selected facet; a facet row counts when its item passes every selected
        /// facet except its own (disjunctive faceting). Separate GROUP BYs per facet searched the word once per facet.
        /// </summary>
        private async Task<List<Facet>> FacetsAsync(Query query, DateOnly today, bool english, CancellationToken cancellationToken)
        {
            var kindFacets = InfoFacets.For(query.Kind);
            var parameters = new List<object>();
            string P(object value)
            {
                parameters.Add(value);
                return "{" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
            }
            var selected = kindFacets.Where(f => query.Selected(f.Key).Count > 0).Select(f => f.Key).ToList();
            var hasPrefecture = kindFacets.Any(f => f.Key == InfoFacets.Prefecture);
            var sql = new System.Text.StringBuilder("WITH b AS (SELECT i.\"Id\"");
            for (var n = 0; n < selected.Count; n++)
            {
                var key = selected[n];
                List<string> values = key == InfoFacets.Prefecture ? [.. query.Selected(key), InfoCodes.National] : [.. query.Selected(key)];
                sql.Append(", EXISTS (SELECT 1 FROM \"InfoFacetValues\" x WHERE x.\"ItemId\" = i.\"Id\" AND x.\"Facet\" = ").Append(P(key))
                    .Append(" AND x.\"Value\" IN (").Append(string.Join(", ", values.Select(v => P(v)))).Append(")) AS s").Append(n);
            }
            sql.Append(hasPrefecture
                ? ", EXISTS (SELECT 1 FROM \"InfoFacetValues\" x WHERE x.\"ItemId\" = i.\"Id\" AND x.\"Facet\" = " + P(InfoFacets.Prefecture)
                    + " AND x.\"Value\" = " + P(InfoCodes.National) + ") AS nat"
                : ", FALSE AS nat");
            sql.Append(" FROM \"InfoItems\" i WHERE i.\"Kind\" = ").Append(P(Wire.Name(query.Kind)))
                .Append(" AND i.\"Status\" = ").Append(P(Wire.Name(InfoStatus.Published)));
            if (!string.IsNullOrWhiteSpace(query.Q) && MatchesSql(db, query.Q, P) is { } matches) sql.Append(" AND i.\"Id\" IN (").Append(matches).Append(')');
            if (query.Open)
            {
                var day = P(today);
                sql.Append(" AND (i.\"ApplicationOpensOn\" IS NOT NULL OR i.\"ApplicationClosesOn\" IS NOT NULL)")
                    .Append(" AND (i.\"ApplicationOpensOn\" IS NULL OR i.\"ApplicationOpensOn\" <= ").Append(day).Append(')')
                    .Append(" AND (i.\"ApplicationClosesOn\" IS NULL OR i.\"ApplicationClosesOn\" >= ").Append(day).Append(')');
            }
            string AllBut(int? skip) => string.Concat(Enumerable.Range(0, selected.Count).Where(n => n != skip).Select(n => " AND b.s" + n));
            sql.Append(") SELECT v.\"Facet\" AS \"Facet\", v.\"Value\" AS \"Value\", COUNT(*) AS \"Count\", SUM(CASE WHEN b.nat THEN 1 ELSE 0 END) AS \"National\"")
                .Append(" FROM b JOIN \"InfoFacetValues\" v ON v.\"ItemId\" = b.\"Id\" WHERE (v.\"Facet\" IN (")
                .Append(string.Join(", ", kindFacets.Where(f => !selected.Contains(f.Key)).Select(f => P(f.Key)).DefaultIfEmpty("''")))
                .Append(')').Append(AllBut(null)).Append(')');
            for (var n = 0; n < selected.Count; n++)
                sql.Append(" OR (v.\"Facet\" = ").Append(P(selected[n])).Append(AllBut(n)).Append(')');
            sql.Append(" GROUP BY v.\"Facet\", v.\"Value\"");

            var rows = await db.Database.SqlQueryRaw<FacetCount>(sql.ToString(), [.. parameters]).ToListAsync(cancellationToken);
            var byFacet = rows.ToLookup(r => r.Facet, StringComparer.Ordinal);
            return [.. kindFacets.Select(facet => Present(facet, query.Selected(facet.Key), byFacet[facet.Key].ToList(), english))];
        }

        private static Facet Present(InfoFacet facet, IReadOnlyList<string> selected, List<FacetCount> rows, bool english)
        {
            var counts = rows.ToDictionary(r => r.Value, r => (int)r.Count, StringComparer.Ordinal);
            if (facet.Key == InfoFacets.Prefecture && counts.TryGetValue(InfoCodes.National, out var national) && national > 0)
            {
                // Choosing a prefecture also finds the nationwide items: its count says how many it would find.
                foreach (var row in rows.Where(r => r.Value != InfoCodes.National))
                    counts[row.Value] = (int)row.Count + national - (int)row.National;
            }

            // Values in the code list's order (the publisher's, which has none, by name); a value no item has is hidden unless chosen.
            var order = facet.Options is { } options
                ? options.Select(o => o.Value).ToList()
                : counts.Keys.Concat(selected).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var values = order
                .Where(v => counts.ContainsKey(v) || selected.Contains(v))
                .Select(v => new FacetValue(v, facet.OptionLabel(v, english), counts.GetValueOrDefault(v), selected.Contains(v)))
                .ToList();
            return new Facet(facet.Key, facet.Label(english), values);
        }
    }

    /// <summary>The published items of the query's kind that its word, 受付中 and facets (all but <paramref name="except"/>) keep.</summary>
    public static IQueryable<InfoItem> Filter(ConsultDeskDbContext db, Query query, DateOnly today, string? except)
    {
        var items = db.InfoItems.AsNoTracking().Where(i => i.Kind == query.Kind && i.Status == InfoStatus.Published);
        if (!string.IsNullOrWhiteSpace(query.Q) && Matches(db, query.Q) is { } matches)
            items = items.Where(i => matches.Contains(i.Id));
        if (query.Open)
            items = items.Where(i => (i.ApplicationOpensOn != null || i.ApplicationClosesOn != null)
                && (i.ApplicationOpensOn == null || i.ApplicationOpensOn <= today)
                && (i.ApplicationClosesOn == null || i.ApplicationClosesOn >= today));
        foreach (var (key, selected) in query.Facets)
        {
            if (key == except || selected.Count == 0) continue;
            var facetKey = key;
            List<string> values = key == InfoFacets.Prefecture ? [.. selected, InfoCodes.National] : [.. selected];
            items = items.Where(i => db.InfoFacetValues.Any(v => v.Facet == facetKey && values.Contains(v.Value) && v.ItemId == i.Id));
        }
        return items;
    }

    /// <summary>The ids of the items whose search document contains <paramref name="text"/>; null when it has nothing searchable.</summary>
    public static IQueryable<Guid>? Matches(ConsultDeskDbContext db, string text)
    {
        var parameters = new List<object>();
        var sql = MatchesSql(db, text, value =>
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        });
        return sql is null ? null : db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]);
    }

    /// <summary>
    /// The search as SQL selecting item ids (as "Value"), its parameters added through <paramref name="parameter"/>: an
    /// FTS5 phrase query on SQLite; on PostgreSQL a GIN containment query on the token array made exact by a substring check.
    /// </summary>
    private static string? MatchesSql(ConsultDeskDbContext db, string text, Func<object, string> parameter)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;
        if (db.Database.IsNpgsql())
        {
            var bigrams = CaseSearchQuery.SelectiveBigrams(runs.SelectMany(r => r).Where(t => t.EnumerateRunes().Count() == 2).Distinct());
            var sql = new System.Text.StringBuilder("""SELECT d."ItemId" AS "Value" FROM "InfoSearchDocuments" d WHERE TRUE""");
            if (bigrams.Length > 0) sql.Append(" AND string_to_array(d.\"Tokens\", ' ') @> ").Append(parameter(bigrams));
            foreach (var substring in SearchText.Runs(SearchText.Normalize(text)).Select(r => string.Concat(r)))
                sql.Append(" AND strpos(d.\"Text\", ").Append(parameter(substring)).Append(") > 0");
            return sql.ToString();
        }
        return """SELECT d."ItemId" AS "Value" FROM "InfoSearchDocuments" d WHERE d."Id" IN (SELECT rowid FROM "InfoSearchIndex" WHERE "InfoSearchIndex" MATCH """
            + parameter(DeclarationSearchQuery.SqliteMatch(text)!) + ")";
    }

    /// <summary>Reads a finder's query string (the pages, the feed and the API share it); unreadable values are a 400 problem.</summary>
    public static Query Parse(InfoKind kind, IQueryCollection query, bool english)
    {
        var q = new QueryParameters(query);
        var facets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var facet in InfoFacets.All)
        {
            var values = query[facet.Key].Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count > 0) facets[facet.Key] = values;
        }
        return new Query
        {
            Kind = kind,
            Q = q.Text("q"),
            Facets = facets,
            Open = q.Flag("open", Texts.InfoPublic_OpenInvalid) ?? false,
            Sort = q.Enum<InfoSort>("sort", Texts.InfoPublic_SortInvalid) ?? InfoSort.Newest,
            Page = q.Int("page", 1, string.Format(CultureInfo.InvariantCulture, Texts.InfoPublic_PageInvalid, MaxPage)),
            English = english,
        };
    }

    /// <summary>The finder's query string for <paramref name="query"/> (shareable URLs, feed links, paging).</summary>
    public static string QueryString(Query query, int? page = null, InfoSort? sort = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(query.Q)) pairs.Add(new("q", query.Q));
        foreach (var facet in InfoFacets.All)
            foreach (var value in query.Selected(facet.Key)) pairs.Add(new(facet.Key, value));
        if (query.Open) pairs.Add(new("open", "1"));
        var s = sort ?? query.Sort;
        if (s != InfoSort.Newest) pairs.Add(new("sort", Wire.Name(s)));
        var p = page ?? query.Page;
        if (p > 1) pairs.Add(new("page", p.ToString(CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToUriComponent();
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/info/{kind}", async (string kind, HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                if (!InfoCodes.TryParseKind(kind, out var parsed)) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Texts.InfoPublic_KindUnknown);
                var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                var result = await sender.Send(Parse(parsed, request.Query, english), ct);
                response.Headers.CacheControl = "public, max-age=60";
                return Results.Ok(result);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces<Response>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(FindInfoItems))
            .WithSummary("A finder of the information portal")
            .WithDescription("Anonymous. Published items of one kind (`policy`, `guideline`, `case-study`, `news`). Filters, each repeatable (OR within a facet, AND across facets): `category` (InfoCategory), `ministry` (InfoMinistry), `party` (municipality, company, worker), `topic` (Topic), `prefecture` (JIS code or `national`; a prefecture also matches nationwide items), `publisher`; `q` (a Japanese partial word, up to 100 characters), `open=1` (application period includes today in Japan), `sort` (`newest` or `deadline`), `page` (1–500, 20 items a page). `facets` gives each facet's values with the count of items the other filters keep; values with no item are left out unless selected.")
            .WithTags("Information portal");
}
