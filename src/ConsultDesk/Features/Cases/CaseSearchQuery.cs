using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// The ids of cases whose text contains the query, found through each provider's index over the bigram tokens
/// (see <see cref="SearchText"/>): an FTS5 phrase query on SQLite; on PostgreSQL a GIN containment query on the
/// token array, made exact by a substring check on the few candidates. A search of open cases only asks the copy of their
/// documents and its own index (<see cref="OpenCaseSearchDocument"/>), a few percent of the size.
/// </summary>
public static class CaseSearchQuery
{
    /// <summary>
    /// A search considers at most this many matches (on SQLite the most recent; on PostgreSQL the first in storage
    /// order): a word found in a tenth of a million cases must not cost a scan of all of them.
    /// </summary>
    public const int MaxMatches = 2000;

    public static IQueryable<Guid>? For(ConsultDeskDbContext db, string text, bool openOnly)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;
        var (sql, parameters) = Matching(db, text, runs, openOnly, """d."CaseId" AS "Value" """);
        return db.Database.SqlQueryRaw<Guid>(sql, parameters);
    }

    /// <summary>
    /// The keys of the matching documents (<see cref="CaseSearchDocument.Id"/>, each a case's reference as a number), for a
    /// search that needs no more of each match than its reference: on SQLite the full-text index alone answers, with no
    /// document read (reading 2,000 documents for their case ids took 7–15 ms at 10^6).
    /// </summary>
    public static IQueryable<long>? Keys(ConsultDeskDbContext db, string text)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;
        if (db.Database.IsSqlite())
            return db.Database.SqlQueryRaw<long>(
                """SELECT rowid AS "Value" FROM "CaseSearchIndex" WHERE "CaseSearchIndex" MATCH {0} ORDER BY rowid DESC LIMIT {1}""",
                FtsMatch(runs), MaxMatches);
        var (sql, parameters) = Matching(db, text, runs, openOnly: false, """d."Id" AS "Value" """);
        return db.Database.SqlQueryRaw<long>(sql, parameters);
    }

    /// <summary>An open case that matched, with its place in the queue's default order (due time, then reference).</summary>
    public sealed class OpenMatch
    {
        public Guid CaseId { get; init; }
        public DateTime DueAt { get; init; }
        public string Reference { get; init; } = "";
    }

    /// <summary>
    /// The open cases whose text contains the query, each with its place in due order, read from the open copy alone (its
    /// due time and reference sit beside the text): for a search of the open cases with no other filter, where joining
    /// each match to its case cost ~10 µs a match (at 10^6 on PostgreSQL, 2,000 matches of 髙橋 took 20 ms).
    /// </summary>
    public static IQueryable<OpenMatch>? OpenMatches(ConsultDeskDbContext db, string text)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;
        var (sql, parameters) = Matching(db, text, runs, openOnly: true, """d."CaseId", d."DueAt", d."Reference" """);
        return db.Database.SqlQueryRaw<OpenMatch>(sql, parameters);
    }

    /// <summary>
    /// The open cases' documents in the queue's default order (due time, then reference), from after <paramref name="after"/>
    /// when given, as a search walk reads them: the copy's own index on its place, no case read (see
    /// <see cref="ListCases.Handler.SearchWalkSteps"/>).
    /// </summary>
    public static IQueryable<Walked> OpenInDueOrder(ConsultDeskDbContext db, (DateTime DueAt, string Reference)? after, bool descending)
    {
        var documents = db.OpenCaseSearch.AsNoTracking();
        if (after is var (due, reference))
            documents = documents.After(d => d.DueAt, d => d.Reference, due, reference, descending, rowValues: db.Database.IsNpgsql());
        documents = descending
            ? documents.OrderByDescending(d => d.DueAt).ThenByDescending(d => d.Reference)
            : documents.OrderBy(d => d.DueAt).ThenBy(d => d.Reference);
        return documents.Select(d => new Walked { CaseId = d.CaseId, Reference = d.Reference, SortKey = d.DueAt, Text = d.Text });
    }

    /// <summary>The query over one table of documents that selects <paramref name="columns"/> of each match (at most <see cref="MaxMatches"/>).</summary>
    private static (string Sql, object[] Parameters) Matching(ConsultDeskDbContext db, string text, IReadOnlyList<string[]> runs, bool openOnly, string columns)
    {
        var documents = openOnly ? "OpenCaseSearchDocuments" : "CaseSearchDocuments";

        if (db.Database.IsNpgsql())
        {
            var bigrams = SelectiveBigrams(runs.SelectMany(r => r).Where(t => t.EnumerateRunes().Count() == 2).Distinct());
            var substrings = Words(text);
            var sql = new System.Text.StringBuilder($$"""SELECT {{columns}}FROM "{{documents}}" d WHERE TRUE""");
            var parameters = new List<object>();
            // The substring checks first: PostgreSQL evaluates conditions of equal estimated cost in the order written, and
            // when it scans the documents instead of using the index (a word of common Latin bigrams, or a copy it thinks
            // small), splitting every document's tokens cost ~13 µs a row (q=sato@example.jp over the open copy at 10^6, in
            // psql with the values inline: 667–887 ms with the tokens first, 64 ms with the substrings first). Through the
            // index the order changes nothing.
            foreach (var substring in substrings)
            {
                sql.Append(" AND strpos(d.\"Text\", {" + parameters.Count + "}) > 0");
                parameters.Add(substring);
            }
            if (bigrams.Length > 0)
            {
                sql.Append(" AND string_to_array(d.\"Tokens\", ' ') @> {" + parameters.Count + "}");
                parameters.Add(bigrams);
            }
            // No ORDER BY: it would make PostgreSQL walk the primary key instead of the GIN index (measured at 10^6:
            // 0.57 s against 0.04 s for 髙橋), so here the cap keeps the first matches in storage order.
            sql.Append(" LIMIT " + MaxMatches);
            return (sql.ToString(), [.. parameters]);
        }

        var match = FtsMatch(runs);
        var index = openOnly ? "OpenCaseSearchIndex" : "CaseSearchIndex";
        var fts = $$"""
            SELECT {{columns}}FROM "{{documents}}" d
            WHERE d."Id" IN (SELECT rowid FROM "{{index}}" WHERE "{{index}}" MATCH {0} ORDER BY rowid DESC LIMIT {1})
            """;
        return (fts, [match, MaxMatches]);
    }

    /// <summary>The FTS5 query of the runs: each run is a phrase of consecutive bigrams (exact substring); a lone character is a token prefix.</summary>
    private static string FtsMatch(IReadOnlyList<string[]> runs) =>
        string.Join(" AND ", runs.Select(run => run.Length == 1 && run[0].EnumerateRunes().Count() == 1
            ? $"\"{run[0]}\"*"
            : $"\"{string.Join(' ', run)}\""));

    /// <summary>A search document as a walk reads it, from either table of documents.</summary>
    public sealed class Searchable
    {
        public Guid CaseId { get; init; }
        public string Text { get; init; } = "";
    }

    /// <summary>A case read by a search walk: its position in the queue's order and its search text.</summary>
    public sealed class Walked
    {
        public Guid CaseId { get; init; }
        public string Reference { get; init; } = "";
        public DateTime SortKey { get; init; }
        public string Text { get; init; } = "";
    }

    /// <summary>A walked case, where it stands, and whether its text holds every word of the search.</summary>
    public sealed record Hit(Guid CaseId, string Reference, DateTime SortKey, bool Found);

    /// <summary>
    /// Whether a walked case's text holds every word of the search text (its runs of letters and digits, normalised as the
    /// documents are) as a substring: a projection checked row by row, so only the answer leaves the database, not the
    /// text. Null when the search text has no word.
    /// </summary>
    public static Expression<Func<Walked, Hit>>? HitOf(string text)
    {
        var words = Words(text);
        if (words.Length == 0) return null;
        var walked = Expression.Parameter(typeof(Walked), "w");
        // Each word through a closure, so it reaches the SQL as a parameter, not as a literal.
        var found = words.Select(word => (Expression<Func<Walked, bool>>)(w => w.Text.Contains(word)))
            .Select(check => ReplacingExpressionVisitor.Replace(check.Parameters[0], walked, check.Body))
            .Aggregate(Expression.AndAlso);
        var hit = Expression.New(typeof(Hit).GetConstructor([typeof(Guid), typeof(string), typeof(DateTime), typeof(bool)])!,
            Expression.Property(walked, nameof(Walked.CaseId)), Expression.Property(walked, nameof(Walked.Reference)),
            Expression.Property(walked, nameof(Walked.SortKey)), found);
        return Expression.Lambda<Func<Walked, Hit>>(hit, walked);
    }

    private static string[] Words(string text) => SearchText.Runs(SearchText.Normalize(text)).Select(r => string.Concat(r)).ToArray();

    /// <summary>
    /// The GIN lookup only has to narrow the candidates (the substring check makes the result exact), and every
    /// bigram it intersects costs a posting list: keep the three likeliest to be rare, kanji before kana before
    /// digits before Latin letters (measured: common kana and ASCII bigrams occur in most documents).
    /// </summary>
    internal static string[] SelectiveBigrams(IEnumerable<string> bigrams) =>
        bigrams.Select((bigram, position) => (bigram, position, rank: bigram.EnumerateRunes().Sum(Rarity)))
            .OrderByDescending(b => b.rank).ThenByDescending(b => b.position)
            .Take(3).Select(b => b.bigram).ToArray();

    private static int Rarity(System.Text.Rune rune) => rune.Value switch
    {
        >= 0x3400 and <= 0x9FFF or >= 0x20000 => 3,  // CJK ideographs
        >= 0x3040 and <= 0x30FF => 2,                 // hiragana and katakana
        _ when System.Text.Rune.IsDigit(rune) => 1,
        _ => 0,
    };
}
