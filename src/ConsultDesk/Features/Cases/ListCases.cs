using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// The case queue: filters, Japanese partial-word search, sorting and keyset paging, each backed by an index.
/// Without a status filter it shows open cases (not resolved or closed).
/// </summary>
public static class ListCases
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public IReadOnlyList<CaseStatus> Statuses { get; init; } = [];
        /// <summary><c>me</c>, <c>unassigned</c> or a user id.</summary>
        public string? Assignee { get; init; }
        public InquirerType? InquirerType { get; init; }
        public string? PrefectureCode { get; init; }
        public string? Topic { get; init; }
        /// <summary><c>overdue</c> or <c>due-soon</c>.</summary>
        public string? Due { get; init; }
        public string? Q { get; init; }
        /// <summary>Submitted on or after / on or before these JST dates (the reports' drill-down).</summary>
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        /// <summary><c>due</c>, <c>submitted</c> or <c>updated</c>, optionally with <c>-desc</c> / <c>-asc</c>.</summary>
        public string Sort { get; init; } = "due";
        public int Limit { get; init; } = QueryParameters.DefaultLimit;
        /// <summary>The page after this position (a previous answer's <c>nextCursor</c>).</summary>
        public string? Cursor { get; init; }
        /// <summary>The page before this position (a previous answer's <c>previousCursor</c>); not with <see cref="Cursor"/>.</summary>
        public string? Before { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Item(string Reference, CaseStatus Status, InquirerType InquirerType, string? OrganizationName, string Subject,
        GetCase.PersonModel? Assignee, DateTime SubmittedAt, DateTime FirstResponseDueAt, DueState DueState);

    /// <summary>
    /// A page, the cursors to the pages on either side (null at either end) and how many cases match the filters:
    /// counted up to <see cref="CountCap"/> only. <see cref="TotalCapped"/> says there may be more than <see cref="Total"/>:
    /// past the cap, or for a free-text search answered by walking the queue, where <see cref="Total"/> is the most matches
    /// the walk met: from the first case, or from this page's position on (at least one page and one more).
    /// </summary>
    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor)
    {
        public string? PreviousCursor { get; init; }
        public int Total { get; init; }
        public bool TotalCapped { get; init; }
        /// <summary>
        /// <c>email</c>, <c>phone</c> or <c>reference</c> when <c>q</c> is one (<see cref="CaseLookup"/>): the items are
        /// the cases it names exactly; null for a free-text search or none.
        /// </summary>
        public string? Lookup { get; init; }
        /// <summary>False when <see cref="Lookup"/> named no case within the filters: the items are then the free-text hits.</summary>
        public bool LookupFound { get; init; }
    }

    /// <summary>
    /// The count stops here: the queue shows "1,000件以上" beyond it. Counting stops after this many matches, so for the
    /// common views its cost does not grow with the desk (an exact count of the open cases at 10^6 would read every one
    /// of them on each page view); the reports give exact figures.
    /// </summary>
    public const int CountCap = 1000;

    private static readonly string[] SortKeys = ["due", "submitted", "updated"];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.Sort).Must(s => SortOf(s) is not null).WithMessage(_ => Texts.QueueSort);
            RuleFor(q => q.Due).Must(d => d is null or "overdue" or "due-soon").WithMessage(_ => Texts.QueueDue);
            RuleFor(q => q.Assignee).Must(a => a is null or "me" or "unassigned" || Guid.TryParse(a, out _)).WithMessage(_ => Texts.QueueAssignee);
            RuleFor(q => q.PrefectureCode).Must(p => p is null || Prefecture.IsValidCode(p)).WithMessage(_ => Texts.Prefecture);
            RuleFor(q => q.Topic).Must(t => t is null || Domain.Topic.IsKnown(t)).WithMessage(_ => Texts.TopicUnknown);
            RuleFor(q => q.Q).MaximumLength(100).WithMessage(_ => string.Format(Texts.TooLong, "q", 100));
            RuleFor(q => q.To).Must((q, to) => q.From is not { } from || to is not { } until || from <= until).WithMessage(_ => Texts.ReportRange);
            RuleFor(q => q.Cursor).PageCursor(c => Cursor.TryDecode(c, out _));
            RuleFor(q => q.Before).PageCursor(c => Cursor.TryDecode(c, out _));
            RuleFor(q => q.Before).Null().When(q => q.Cursor is not null).WithMessage(_ => Texts.QueueCursor);
        }
    }

    internal static (string Key, bool Descending)? SortOf(string sort)
    {
        var parts = sort.Split('-', 2);
        if (!SortKeys.Contains(parts[0])) return null;
        return parts.Length == 1 ? (parts[0], parts[0] == "updated") : parts[1] switch
        {
            "asc" => (parts[0], false),
            "desc" => (parts[0], true),
            _ => null,
        };
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, ServiceLevel serviceLevel, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        /// <summary>
        /// A free-text search first walks the cases of the filters in the queue's order in these steps, checking each one's
        /// text (<see cref="SearchByWalkingAsync"/>): a short first step, which a frequent word fills the page within, then
        /// longer ones. Only when that cannot fill the page does it ask the full-text index.
        /// </summary>
        public static readonly IReadOnlyList<int> SearchWalkSteps = [200, 500, 800];

        /// <summary>
        /// The steps of a walk of finished cases in reference order (PostgreSQL): one more, since there the index's matches
        /// for a word are mostly its cap of finished ones, and gathering and filtering those cost more than reading 3,000
        /// cases in order (status=resolved,closed&amp;q=函館 at 10^6: 41 ms p50 against 19 ms, one client).
        /// </summary>
        public static readonly IReadOnlyList<int> FinishedSearchWalkSteps = [200, 500, 800, 1500];

        /// <summary>A later page's count reads this many cases from the first one (<see cref="SearchByWalkingAsync"/>).</summary>
        public const int SearchCountWalk = 500;

        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (key, descending) = SortOf(query.Sort)!.Value;
            // Backwards: walk the sort the other way from the position, then turn the page round.
            var backwards = query.Before is not null && Cursor.TryDecode(query.Before, out _);
            var position = query.Cursor ?? query.Before;
            Cursor? at = position is not null && Cursor.TryDecode(position, out var decoded) ? decoded : null;
            // Resolved and closed cases have no deadline (DueAt is NoDeadline for each), so among them due order is reference
            // order. Told the due order, PostgreSQL walked IX_Cases_DueAt_Reference past every open case first (status=closed
            // at 10^6: 61,000 rows, 0.8 s); told the reference order, it reads IX_Cases_Reference from its start, for one
            // finished status or both. SQLite keeps the due order (see the listing below).
            var single = SingleStatus(query);
            var finishedOnly = FinishedOnly(query);
            var orderKey = key == "due" && finishedOnly && db.Database.IsNpgsql() ? "reference" : key;
            IQueryable<Case> PageOrder(IQueryable<Case> filtered) =>
                Ordered(at is null ? filtered : PastCursor(filtered, orderKey, descending != backwards, at), orderKey, descending != backwards);

            // Each count takes the first CountCap + 1 matches in whatever order the planner finds cheapest (no ORDER BY:
            // ordering by the page's sort made a selective filter walk the whole sort index), with "open" as a list of
            // statuses, which an index can seek, rather than "not resolved or closed", which it has to scan (measured at
            // 10^5 on SQLite: 5.6 ms against 0.04 ms).
            var lookup = CaseLookup.Parse(query.Q);
            if (lookup is not null)
            {
                // A lookup names one case or a person's few: the first page is usually all of them, and then it is the count.
                var named = await PageAsync(PageOrder(Filter(db, query, user, serviceLevel, now)), query.Limit, cancellationToken);
                var found = at is null && named.Count <= query.Limit ? named.Count
                    : await Filter(db, query, user, serviceLevel, now, forCount: true).Take(CountCap + 1).CountAsync(cancellationToken);
                if (found > 0) return Answer(named, found, found > CountCap, lookupFound: true);
                // An email, phone or reference that names no case (within the other filters) falls back to the free-text
                // search, which may still find it inside a message or a longer address.
            }

            // Only where an index gives the queue's order: the open cases, one status, or finished ones in reference order
            // (PostgreSQL). SQLite could read both finished statuses in due order from an index (InDeadlineRange), but a walk
            // of them was slower than its full-text index (measured at 10^6, one client: status=resolved,closed&q=函館 44 ms
            // p50 against 33 ms, and 52 ms for a rare word, which walked and then asked the index).
            if (!string.IsNullOrWhiteSpace(query.Q) && (query.Statuses.Count == 0 || single is not null || orderKey == "reference")
                && await SearchByWalkingAsync(query, orderKey, descending, backwards, at, PageOrder, now, cancellationToken) is { } walked)
                return Answer(walked.Rows, walked.Hits, walked.Capped, lookupFound: false);

            if (!string.IsNullOrWhiteSpace(query.Q) && SearchText.QueryRuns(query.Q).Count > 0)
            {
                var (found, matches, truncated) = await SearchByIndexAsync(query, orderKey, descending != backwards, at, PageOrder, now, cancellationToken);
                return Answer(found, matches, matches > CountCap || truncated, lookupFound: false);
            }

            var total = await Filter(db, query, user, serviceLevel, now, forCount: true, exactLookup: false).Take(CountCap + 1).CountAsync(cancellationToken);
            var listed = InDeadlineRange(db, Filter(db, query, user, serviceLevel, now, exactLookup: false), query, orderKey);
            var rows = await PageAsync(PageOrder(listed), query.Limit, cancellationToken);
            return Answer(rows, total, total > CountCap, lookupFound: false);

            Response Answer(List<Row> rows, int total, bool capped, bool lookupFound)
            {
                var more = rows.Count > query.Limit;
                var page = rows.Take(query.Limit).ToList();
                if (backwards) page.Reverse();
                var items = page.Select(r => new Item(r.Reference, r.Status, r.InquirerType, r.OrganizationName, r.Subject,
                    r.AssigneeId is { } id ? new GetCase.PersonModel(id, r.AssigneeName ?? "") : null,
                    r.SubmittedAt, r.FirstResponseDueAt,
                    CaseLifecycle.IsOpen(r.Status) && r.Status != CaseStatus.WaitingOnInquirer ? serviceLevel.StateOf(r.DueAt, now) : DueState.Ok)).ToList();

                string? CursorOf(int index) => Cursor.Encode(new Cursor(
                    key switch { "due" => page[index].DueAt, "submitted" => page[index].SubmittedAt, _ => page[index].UpdatedAt }, page[index].Reference));
                // Forwards, there is a page before whenever we started from a position; backwards, a page after.
                var hasNext = backwards ? page.Count > 0 : more;
                var hasPrevious = backwards ? more : position is not null && page.Count > 0;
                return new Response(items, hasNext && page.Count > 0 ? CursorOf(page.Count - 1) : null)
                {
                    PreviousCursor = hasPrevious ? CursorOf(0) : null,
                    Total = Math.Min(total, CountCap),
                    TotalCapped = capped || total > CountCap,
                    Lookup = lookup?.KindName,
                    LookupFound = lookupFound,
                };
            }
        }

        /// <summary>
        /// A free-text search answered by walking the queue in its own order from the page's position: the cases of the other
        /// filters, in <see cref="SearchWalkSteps"/>, each checked for every word of <c>q</c> in its search text (a
        /// join on the case id). A frequent word fills the page within a few dozen cases, where the full-text index would
        /// first gather every document holding it (at 10^6 cases, 40 % of them for テレワーク). Null when the walk cannot fill
        /// the page within those steps at the rate it has met matches: a rarer word, which the
        /// full-text index answers quickly (and counts exactly). The count is the matches the walk met: exact when it read every
        /// case of the filters from the first one, else a lower bound (<see cref="Response.TotalCapped"/>).
        /// </summary>
        private async Task<(List<Row> Rows, int Hits, bool Capped)?> SearchByWalkingAsync(Query query, string key, bool descending, bool backwards,
            Cursor? at, Func<IQueryable<Case>, IQueryable<Case>> pageOrder, DateTime now, CancellationToken cancellationToken)
        {
            var walkDescending = descending != backwards;
            if (CaseSearchQuery.HitOf(query.Q!) is not { } hitOf) return null;
            var others = Filter(db, query with { Q = null }, user, serviceLevel, now);
            // Open cases only (the default): the copy of their documents, small enough to stay in the database's cache.
            var texts = OpenOnly(query)
                ? db.OpenCaseSearch.Select(d => new CaseSearchQuery.Searchable { CaseId = d.CaseId, Text = d.Text })
                : db.CaseSearch.Select(d => new CaseSearchQuery.Searchable { CaseId = d.CaseId, Text = d.Text });
            Expression<Func<Case, CaseSearchQuery.Searchable, CaseSearchQuery.Walked>> walked = key switch
            {
                "due" or "reference" => (c, d) => new CaseSearchQuery.Walked { CaseId = c.Id, Reference = c.Reference, SortKey = c.DueAt, Text = d.Text },
                "submitted" => (c, d) => new CaseSearchQuery.Walked { CaseId = c.Id, Reference = c.Reference, SortKey = c.SubmittedAt, Text = d.Text },
                _ => (c, d) => new CaseSearchQuery.Walked { CaseId = c.Id, Reference = c.Reference, SortKey = c.UpdatedAt, Text = d.Text },
            };
            // The walk reads the copy alone in its (due time, reference) index instead of joining each case to its document.
            var copyOnly = OpenCopyHoldsThePlaces(query, key);

            // A join with the check in the projection: as EXISTS, PostgreSQL hashed the subquery instead, reading every
            // search document (seconds at 10^6) to answer a thousand cases.
            IQueryable<CaseSearchQuery.Walked> Walk(Cursor? from, bool walkingDescending, int cases) => copyOnly
                ? CaseSearchQuery.OpenInDueOrder(db, from is null ? null : (from.Value, from.Reference), walkingDescending).Take(cases)
                : Ordered(from is null ? others : PastCursor(others, key, walkingDescending, from), key, walkingDescending).Take(cases)
                    .Join(texts, c => c.Id, d => d.CaseId, walked);
            Task<List<CaseSearchQuery.Hit>> WalkAsync(Cursor? from, bool walkingDescending, int cases) =>
                Walk(from, walkingDescending, cases).Select(hitOf).ToListAsync(cancellationToken);

            var hitIds = new List<Guid>();
            var read = 0;
            var exhausted = false;
            var from = at;
            var steps = key == "reference" ? FinishedSearchWalkSteps : SearchWalkSteps;
            var budget = steps.Sum();
            foreach (var step in steps)
            {
                var hits = await WalkAsync(from, walkDescending, step);
                read += hits.Count;
                hitIds.AddRange(hits.Where(h => h.Found).Select(h => h.CaseId));
                exhausted = hits.Count < step;
                if (hitIds.Count > query.Limit || exhausted) break;
                // At the rate met so far, the whole walk would not fill the page.
                if ((long)hitIds.Count * budget <= (long)query.Limit * read) return null;
                var last = walkDescending
                    ? hits.MinBy(h => (h.SortKey, h.Reference), SortPosition.Instance)!
                    : hits.MaxBy(h => (h.SortKey, h.Reference), SortPosition.Instance)!;
                from = new Cursor(last.SortKey, last.Reference);
            }
            // A page the walk did not fill goes to the full-text index, which also counts exactly.
            if (hitIds.Count <= query.Limit) return null;
            // The walk met its hits in the page's order: the page is the first of them (and one more, for the next cursor).
            var pageIds = hitIds.Take(query.Limit + 1).ToList();
            var rows = await PageAsync(pageOrder(db.Cases.AsNoTracking().Where(c => pageIds.Contains(c.Id))), query.Limit, cancellationToken);
            if (at is null) return (rows, hitIds.Count, !exhausted);

            // From a position, the count also reads the first step from the first case: exact when the filters hold no more.
            var fromStart = await WalkAsync(null, descending, SearchCountWalk);
            var counted = fromStart.Count(h => h.Found);
            return fromStart.Count < SearchCountWalk ? (rows, counted, false) : (rows, Math.Max(counted, hitIds.Count), true);
        }

        /// <summary>
        /// A free-text search answered by the full-text index: every match within the filters (the index gives at most
        /// <see cref="CaseSearchQuery.MaxMatches"/>) read once, as its id and place in the queue's order; the count and the
        /// page's position come from that list, and only the page's cases are read whole. (Counting and paging in two
        /// queries joined the index's matches to their cases twice: at 10^6 on SQLite, 17 ms each for 函館.)
        /// Truncated when the index gave its most: the other filters then kept some of a larger set, so the count is a
        /// lower bound even below <see cref="CountCap"/>.
        /// </summary>
        private async Task<(List<Row> Rows, int Matches, bool Truncated)> SearchByIndexAsync(Query query, string key, bool descending, Cursor? at,
            Func<IQueryable<Case>, IQueryable<Case>> pageOrder, DateTime now, CancellationToken cancellationToken)
        {
            if (OpenCopyHoldsThePlaces(query, key) && CaseSearchQuery.OpenMatches(db, query.Q!) is { } open)
            {
                var places = await open.Select(m => new Place(m.DueAt, m.Reference)).ToListAsync(cancellationToken);
                return await PageOfPlacesAsync(places, places.Count >= CaseSearchQuery.MaxMatches);
            }

            // Finished cases only, in due order (reference order on PostgreSQL), with no other filter. They have no deadline,
            // so a match's place is its reference, which its document's key gives; the (Status, DueAt, Reference) index alone
            // says which matches are finished, so on SQLite no document and no case is read (PostgreSQL reads the documents
            // for its substring check, and the cases through the reference index). Through the documents' case ids,
            // status=resolved,closed&q=函館 at 10^6 on SQLite read 2,000 documents (7–15 ms) and 2,000 cases (~10 ms).
            if (FinishedOnly(query) && key is ("due" or "reference") && OnlySearches(query) && CaseSearchQuery.Keys(db, query.Q!) is { } keys)
            {
                var matchKeys = await keys.ToListAsync(cancellationToken);
                if (matchKeys.Count == 0) return ([], 0, false);
                var references = matchKeys.Select(CaseSearchDocument.ReferenceOf).ToList();
                var finished = await FinishedAmong(db, query, references).ToListAsync(cancellationToken);
                var time = key == "due" ? Case.NoDeadline : DateTime.MinValue;
                return await PageOfPlacesAsync(finished.ConvertAll(reference => new Place(time, reference)), matchKeys.Count >= CaseSearchQuery.MaxMatches);
            }

            // The index's matches on their own first, to know whether it stopped at its most; then the other filters on them.
            var matchIds = await CaseSearchQuery.For(db, query.Q!, OpenOnly(query))!.ToListAsync(cancellationToken);
            var truncated = matchIds.Count >= CaseSearchQuery.MaxMatches;
            if (matchIds.Count == 0) return ([], 0, false);
            // One parameter for the list (an array on PostgreSQL, json_each on SQLite): as 2,000 parameters, SQLite took
            // 13–47 ms for 函館 at 10^6.
            var matching = Filter(db, query with { Q = null }, user, serviceLevel, now, forCount: true, exactLookup: false)
                .Where(c => EF.Parameter(matchIds).Contains(c.Id));
            return await PageOfPlacesAsync(await (key switch
            {
                "due" => matching.Select(c => new Place(c.DueAt, c.Reference)),
                "submitted" => matching.Select(c => new Place(c.SubmittedAt, c.Reference)),
                "updated" => matching.Select(c => new Place(c.UpdatedAt, c.Reference)),
                // Reference order (finished cases in due order on PostgreSQL): the time plays no part.
                _ => matching.Select(c => new Place(DateTime.MinValue, c.Reference)),
            }).ToListAsync(cancellationToken), truncated);

            async Task<(List<Row> Rows, int Matches, bool Truncated)> PageOfPlacesAsync(List<Place> places, bool truncated)
            {
                var order = SortPosition.Instance;
                IEnumerable<Place> inOrder = descending
                    ? places.OrderByDescending(p => (p.Time, p.Reference), order)
                    : places.OrderBy(p => (p.Time, p.Reference), order);
                if (at is not null)
                {
                    var from = (key == "reference" ? DateTime.MinValue : at.Value, at.Reference);
                    inOrder = inOrder.Where(p => order.Compare((p.Time, p.Reference), from) is var c && (descending ? c < 0 : c > 0));
                }
                var pageReferences = inOrder.Take(query.Limit + 1).Select(p => p.Reference).ToList();
                var rows = pageReferences.Count == 0 ? []
                    : await PageAsync(pageOrder(db.Cases.AsNoTracking().Where(c => pageReferences.Contains(c.Reference))), query.Limit, cancellationToken);
                return (rows, places.Count, truncated);
            }
        }

        /// <summary>
        /// Whether the open copy alone answers the search: the open cases (no status) in due order with no other filter,
        /// where the copy holds each case's place (due time, reference) beside its text.
        /// </summary>
        private static bool OpenCopyHoldsThePlaces(Query query, string key) => key == "due" && query.Statuses.Count == 0 && OnlySearches(query);

        /// <summary>Whether the query filters by nothing but its search text (and the default status scope).</summary>
        private static bool OnlySearches(Query query) =>
            query is { Assignee: null, InquirerType: null, PrefectureCode: null, Topic: null, Due: null, From: null, To: null };

        private sealed record Place(DateTime Time, string Reference);

        /// <summary>The queue's order of (time, reference): the reference compared ordinally, as the databases do.</summary>
        private sealed class SortPosition : IComparer<(DateTime Time, string Reference)>
        {
            public static readonly SortPosition Instance = new();
            public int Compare((DateTime Time, string Reference) x, (DateTime Time, string Reference) y) =>
                x.Time != y.Time ? x.Time.CompareTo(y.Time) : string.CompareOrdinal(x.Reference, y.Reference);
        }

        /// <summary>One page and one more row (to know whether a next page exists), with the assignee's name.</summary>
        private Task<List<Row>> PageAsync(IQueryable<Case> ordered, int limit, CancellationToken cancellationToken) =>
            ordered.Take(limit + 1)
                .Select(c => new Row(c.Reference, c.Status, c.InquirerType, c.OrganizationName, c.Subject, c.AssigneeId,
                    db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                    c.SubmittedAt, c.UpdatedAt, c.FirstResponseDueAt, c.DueAt))
                .ToListAsync(cancellationToken);

        private sealed record Row(string Reference, CaseStatus Status, InquirerType InquirerType, string? OrganizationName, string Subject,
            Guid? AssigneeId, string? AssigneeName, DateTime SubmittedAt, DateTime UpdatedAt, DateTime FirstResponseDueAt, DateTime DueAt);

        private static IQueryable<Case> Ordered(IQueryable<Case> cases, string key, bool descending) => (key, descending) switch
        {
            ("due", false) => cases.OrderBy(c => c.DueAt).ThenBy(c => c.Reference),
            ("due", true) => cases.OrderByDescending(c => c.DueAt).ThenByDescending(c => c.Reference),
            ("submitted", false) => cases.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Reference),
            ("submitted", true) => cases.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Reference),
            ("updated", false) => cases.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Reference),
            ("updated", true) => cases.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Reference),
            ("reference", false) => cases.OrderBy(c => c.Reference),
            _ => cases.OrderByDescending(c => c.Reference),
        };

        private IQueryable<Case> PastCursor(IQueryable<Case> cases, string key, bool descending, Cursor after)
        {
            var reference = after.Reference;
            var rowValues = db.Database.IsNpgsql();
            return key switch
            {
                "due" => cases.After(c => c.DueAt, c => c.Reference, after.Value, reference, descending, rowValues),
                "submitted" => cases.After(c => c.SubmittedAt, c => c.Reference, after.Value, reference, descending, rowValues),
                "updated" => cases.After(c => c.UpdatedAt, c => c.Reference, after.Value, reference, descending, rowValues),
                _ when descending => cases.Where(c => string.Compare(c.Reference, reference) < 0),
                _ => cases.Where(c => string.Compare(c.Reference, reference) > 0),
            };
        }
    }

    /// <summary>
    /// The queue's filters (everything but sort and paging), shared with the CSV export. A <c>q</c> that is an email,
    /// phone or reference (<see cref="CaseLookup"/>) filters by its exact index unless <paramref name="exactLookup"/> is false.
    /// </summary>
    public static IQueryable<Case> Filter(ConsultDeskDbContext db, Query query, ICurrentUser user, ServiceLevel serviceLevel, DateTime now,
        bool forCount = false, bool exactLookup = true)
    {
        var cases = db.Cases.AsNoTracking();
        var lookup = exactLookup ? CaseLookup.Parse(query.Q) : null;

        // An exact lookup names a person or a case, so without a status filter it covers every status, closed ones too:
        // the open-only default is for browsing the queue.
        // One status is an equality, not a one-element list: PostgreSQL walks an index that leads with the status in the
        // sort's order only for an equality (measured at 10^6: inquirerType=municipality&status=in-consultation sorted
        // every matching case, ≈54 ms; with the equality it reads one page of the status+due index).
        var single = SingleStatus(query);
        // Both finished statuses on SQLite are "none of the open ones", which no index serves: so SQLite reads the sort's own
        // index in order and skips the few open cases, where for the list it read both statuses' cases from the status
        // index and sorted them (status=resolved,closed&sort=submitted-desc at 10^6: 943,000 cases, 3 s a page).
        var finishedOnly = FinishedOnly(query);
        var sqlite = db.Database.IsSqlite();
        if (query.Statuses.Count > 0 || lookup is null)
            cases = single is { } only ? cases.Where(c => c.Status == only)
            : finishedOnly && sqlite ? cases.Where(c => c.Status != CaseStatus.New && c.Status != CaseStatus.Triaged && c.Status != CaseStatus.InConsultation
                && c.Status != CaseStatus.InSupport && c.Status != CaseStatus.Matching && c.Status != CaseStatus.WaitingOnInquirer)
            : query.Statuses.Count > 0 ? cases.Where(c => query.Statuses.Contains(c.Status))
            // Spelled out, so the statuses are constants in the SQL's IN list rather than a parameter collection.
            : forCount ? cases.Where(c => c.Status == CaseStatus.New || c.Status == CaseStatus.Triaged || c.Status == CaseStatus.InConsultation
                || c.Status == CaseStatus.InSupport || c.Status == CaseStatus.Matching || c.Status == CaseStatus.WaitingOnInquirer)
            : cases.Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed);
        if (query.Assignee == "me") { var me = user.RequiredId(); cases = cases.Where(c => c.AssigneeId == me); }
        else if (query.Assignee == "unassigned") cases = cases.Where(c => c.AssigneeId == null);
        else if (Guid.TryParse(query.Assignee, out var assigneeId)) cases = cases.Where(c => c.AssigneeId == assigneeId);
        if (query.InquirerType is { } type) cases = cases.Where(c => c.InquirerType == type);
        if (query.PrefectureCode is { } prefecture) cases = cases.Where(c => c.PrefectureCode == prefecture);
        if (query.Topic is { } topic)
        {
            var bit = Domain.Topic.Bit(topic);
            cases = cases.Where(c => (c.TopicMask & bit) != 0);
        }
        if (query.Due == "overdue") cases = cases.Where(c => c.DueAt < now && c.Status != CaseStatus.WaitingOnInquirer);
        if (query.Due == "due-soon")
        {
            var soon = serviceLevel.Calendar.AddDeskTime(now, serviceLevel.DueSoonDeskTime);
            cases = cases.Where(c => c.DueAt >= now && c.DueAt <= soon && c.Status != CaseStatus.WaitingOnInquirer);
        }
        if (lookup is not null) cases = lookup.Apply(cases);
        else if (!string.IsNullOrWhiteSpace(query.Q)
            && CaseSearchQuery.For(db, query.Q, OpenOnly(query)) is { } matches)
            cases = cases.Where(c => matches.Contains(c.Id));
        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - BusinessCalendarOffset;
            cases = cases.Where(c => c.SubmittedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - BusinessCalendarOffset;
            cases = cases.Where(c => c.SubmittedAt < end);
        }
        return cases;
    }

    /// <summary>
    /// The listing of finished cases in due order on SQLite, said twice: they are exactly the cases with no deadline, one
    /// range of IX_Cases_DueAt_Reference already in that order (from its start, that index holds every open case first).
    /// Not in <see cref="Filter"/>: beside the ids of a search's matches, SQLite read that whole range instead (1.7 s at
    /// 10^6). A search walk needs none of it: it reads one finished status in its (Status, DueAt, Reference) index, and
    /// SQLite does not walk both.
    /// </summary>
    public static IQueryable<Case> InDeadlineRange(ConsultDeskDbContext db, IQueryable<Case> cases, Query query, string orderKey) =>
        FinishedOnly(query) && orderKey == "due" && db.Database.IsSqlite() ? cases.Where(c => c.DueAt == Case.NoDeadline) : cases;

    /// <summary>
    /// The references of a finished-only query's statuses (<see cref="FinishedOnly"/>) among <paramref name="references"/>,
    /// read from the (Status, DueAt, Reference) index alone: finished cases are exactly those with no deadline, so each
    /// reference is one seek per status. SQLite is told the join order: its statistics say a status and a due time hold
    /// 32 cases (the open ones spread over many due times), so it read all 943,000 finished cases at 10^6 and tested
    /// each against the list (308 ms p50 for status=resolved,closed&amp;q=函館).
    /// </summary>
    public static IQueryable<string> FinishedAmong(ConsultDeskDbContext db, Query query, IReadOnlyList<string> references)
    {
        CaseStatus[] statuses = SingleStatus(query) is { } only ? [only] : [CaseStatus.Resolved, CaseStatus.Closed];
        if (db.Database.IsSqlite())
        {
            var sql = $$"""
                SELECT c."Reference" AS "Value" FROM json_each({0}) AS j CROSS JOIN "Cases" AS c
                WHERE c."Status" IN ({{string.Join(", ", statuses.Select((_, i) => $"{{{i + 2}}}"))}}) AND c."DueAt" = {1} AND c."Reference" = j.value
                """;
            return db.Database.SqlQueryRaw<string>(sql,
                [System.Text.Json.JsonSerializer.Serialize(references), Case.NoDeadline, .. statuses.Select(s => (object)Wire.Name(s))]);
        }
        return db.Cases.AsNoTracking()
            .Where(c => statuses.Contains(c.Status) && c.DueAt == Case.NoDeadline && EF.Parameter(references).Contains(c.Reference))
            .Select(c => c.Reference);
    }

    /// <summary>Whether the query sees open cases only (no status, the default, or open ones): search then uses their copy.</summary>
    private static bool OpenOnly(Query query) => query.Statuses.All(CaseLifecycle.IsOpen);

    /// <summary>Whether the query asks for finished cases only (resolved, closed or both), which have no deadline.</summary>
    private static bool FinishedOnly(Query query) => query.Statuses.Count > 0 && !query.Statuses.Any(CaseLifecycle.IsOpen);

    /// <summary>The one status the query filters on (repeats allowed), or null for none or several.</summary>
    private static CaseStatus? SingleStatus(Query query) => query.Statuses.Distinct().Count() == 1 ? query.Statuses[0] : null;

    private static readonly TimeSpan BusinessCalendarOffset = Domain.Calendar.BusinessCalendar.JapanOffset;

    /// <summary>The position after the last row of a page (<see cref="KeysetCursor"/>): the sort key's time and the reference.</summary>
    public sealed record Cursor(DateTime Value, string Reference)
    {
        public static string Encode(Cursor cursor) => KeysetCursor.Encode(cursor.Value, cursor.Reference);

        public static bool TryDecode(string text, out Cursor cursor)
        {
            var ok = KeysetCursor.TryDecode(text, out var value, out string reference) && ReferenceNumber.IsWellFormed(reference);
            cursor = ok ? new Cursor(value, reference) : null!;
            return ok;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/cases", async (HttpRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(Parse(request.Query), ct)))
            .ProducesValidationProblem()
            .WithName(nameof(ListCases)).WithSummary("The case queue").WithTags("Cases");

    /// <summary>
    /// The query string of a query's filters and sort, in a fixed order (no page position): what a saved view stores
    /// and what <see cref="Parse"/> reads back into the same query.
    /// </summary>
    public static string FilterString(Query query)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (query.Statuses.Count > 0) parameters.Add(new("status", string.Join(',', query.Statuses.Distinct().Select(s => Wire.Name(s)))));
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) parameters.Add(new(key, value)); }
        Add("assignee", query.Assignee);
        Add("inquirerType", query.InquirerType is { } type ? Wire.Name(type) : null);
        Add("prefectureCode", query.PrefectureCode);
        Add("topic", query.Topic);
        Add("due", query.Due);
        Add("q", query.Q);
        Add("from", query.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", query.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("sort", query.Sort);
        return QueryString.Create(parameters).Value?.TrimStart('?') ?? "";
    }

    /// <summary>The queue's query string (also the CSV export's and the dashboard's drill-down links).</summary>
    public static Query Parse(IQueryCollection query)
    {
        var q = new QueryParameters(query);
        var statuses = q.Enums<CaseStatus>("status", Texts.QueueStatus);
        var type = q.Enum<InquirerType>("inquirerType", Texts.InquirerTypeRequired);
        var limit = q.Limit();
        var (from, to) = q.DateRange();
        return new Query
        {
            Statuses = statuses,
            Assignee = q.Text("assignee"),
            InquirerType = type,
            PrefectureCode = q.Text("prefectureCode"),
            Topic = q.Text("topic"),
            Due = q.Text("due"),
            Q = q.Text("q"),
            Sort = q.Text("sort", "due"),
            Limit = limit,
            Cursor = q.Cursor(),
            Before = q.Cursor("before"),
            From = from,
            To = to,
        };
    }
}
