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
/// are taken over the items the word, 受付中 and the OTHER facets keep (disjunctive faceting). Filtering, counting and
/// ordering run over <see cref="InfoFinderIndex"/> in memory; only the page's items are read from the database.
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

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock, InfoFinderIndex index) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = JapanTime.Today(clock);
            var snapshot = await index.SnapshotAsync(db, cancellationToken);
            var kindFacets = InfoFacets.For(query.Kind);
            var (kept, counts) = Narrow(snapshot.Of(query.Kind), kindFacets, query, today);
            IEnumerable<InfoFinderIndex.Entry> sorted = query.Sort == InfoSort.Deadline
                ? kept.OrderBy(e => e.ApplicationClosesOn is null).ThenBy(e => e.ApplicationClosesOn) // stable: newest first within a day
                : kept;
            var ids = sorted.Skip((query.Page - 1) * query.Size).Take(query.Size).Select(e => e.Id).ToList();
            var rows = (await db.InfoItems.AsNoTracking().Where(i => ids.Contains(i.Id))
                .Select(i => new
                {
                    i.Id, i.Kind, i.Slug, i.Title, i.TitleEn, i.Summary, i.SummaryEn, i.Url, i.AsOf, i.Category, i.Ministry, i.Parties, i.Topics,
                    i.Prefectures, i.ApplicationOpensOn, i.ApplicationClosesOn, i.Publisher, i.Edition, i.IssuedOn, i.OrganizationName,
                    i.MunicipalityCode, i.IsSample, PublishedAt = i.PublishedAt ?? i.UpdatedAt, i.UpdatedAt,
                })
                .ToListAsync(cancellationToken)).ToDictionary(r => r.Id);
            var english = query.English;
            // In the snapshot's order; an item unpublished since the snapshot was read is simply left out.
            var items = ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new Item(r.Id, r.Kind, r.Slug,
                english && !string.IsNullOrWhiteSpace(r.TitleEn) ? r.TitleEn : r.Title,
                english && !string.IsNullOrWhiteSpace(r.SummaryEn) ? r.SummaryEn : r.Summary,
                r.Url, r.AsOf, r.Category, r.Category is null ? null : InfoCodes.Label(InfoCodes.PolicyCategories, r.Category, english),
                r.Ministry, r.Ministry is null ? null : InfoCodes.Label(InfoCodes.Ministries, r.Ministry, english),
                r.Parties, r.Topics, r.Prefectures, r.ApplicationOpensOn, r.ApplicationClosesOn,
                new InfoContent { ApplicationOpensOn = r.ApplicationOpensOn, ApplicationClosesOn = r.ApplicationClosesOn }.IsOpenOn(today),
                r.Publisher, r.Edition, r.IssuedOn, r.OrganizationName, r.MunicipalityCode, r.IsSample,
                DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc), DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc))).ToList();

            List<Facet> facets = query.WithoutFacets ? []
                : [.. kindFacets.Select((facet, n) => Present(facet, query.Selected(facet.Key), counts[n], english))];
            return new Response(items, facets, kept.Count, query.Page, query.Size);
        }

        /// <summary>
        /// One pass over the kind's published items: those the word, 受付中 and every selected facet keep, and per facet
        /// the counts of its values over the items the OTHER facets keep (disjunctive faceting: an item failing exactly
        /// one selected facet counts in that facet only). A prefecture selection also accepts nationwide items.
        /// </summary>
        private static (List<InfoFinderIndex.Entry> Kept, List<FacetCount>[] Counts) Narrow(InfoFinderIndex.KindEntries kind,
            IReadOnlyList<InfoFacet> kindFacets, Query query, DateOnly today)
        {
            // Per facet, which value numbers are chosen (null: the facet is not narrowed).
            var selected = kindFacets.Select((f, n) =>
            {
                if (query.Selected(f.Key) is not { Count: > 0 } values) return null;
                var chosen = new bool[kind.Values[n].Length];
                foreach (var value in f.Key == InfoFacets.Prefecture ? [.. values, InfoCodes.National] : values)
                    if (kind.NumberOf(n, value) is >= 0 and var number) chosen[number] = true;
                return chosen;
            }).ToArray();
            var counts = kind.Values.Select(v => new int[v.Length]).ToArray();
            var nationals = kind.Values.Select(v => new int[v.Length]).ToArray();
            var matches = InfoFinderIndex.Matcher(query.Q);
            var kept = new List<InfoFinderIndex.Entry>();
            foreach (var entry in kind.Entries)
            {
                if (query.Open && !entry.IsOpenOn(today)) continue;
                if (matches is not null && !matches(entry.SearchText)) continue;
                int failures = 0, failing = -1;
                for (var n = 0; n < selected.Length && failures < 2; n++)
                {
                    if (selected[n] is not { } chosen) continue;
                    var passes = false;
                    foreach (var value in entry.FacetValues[n]) passes |= chosen[value];
                    if (!passes) (failures, failing) = (failures + 1, n);
                }
                if (failures >= 2) continue;
                if (failures == 0) kept.Add(entry);
                if (query.WithoutFacets) continue;
                for (var n = 0; n < counts.Length; n++)
                {
                    if (failures == 1 && n != failing) continue;
                    foreach (var value in entry.FacetValues[n])
                    {
                        counts[n][value]++;
                        if (entry.IsNational) nationals[n][value]++;
                    }
                }
            }
            return (kept, [.. counts.Select((c, n) => Enumerable.Range(0, c.Length).Where(v => c[v] > 0)
                .Select(v => new FacetCount { Facet = kindFacets[n].Key, Value = kind.Values[n][v], Count = c[v], National = nationals[n][v] }).ToList())]);
        }

        private sealed class FacetCount
        {
            public string Facet { get; set; } = "";
            public string Value { get; set; } = "";
            public long Count { get; set; }
            /// <summary>Of <see cref="Count"/>, the items that are also nationwide (a prefecture's count adds the nationwide items once).</summary>
            public long National { get; set; }
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
