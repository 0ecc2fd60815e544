using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// Declarations whose public text contains the query, the same way as <see cref="CaseSearchQuery"/>: an FTS5 phrase
/// query on SQLite (<see cref="SqliteSource"/>); on PostgreSQL (<see cref="For"/>) a GIN containment query on the token
/// array made exact by a substring check. The search document's key is the public number, so the matches come newest
/// first and the list's keyset position is applied inside the search: paging on through a frequent word stays exact.
/// </summary>
public static class DeclarationSearchQuery
{
    /// <summary>PostgreSQL: a search considers at most this many matches below the page position (the newest).</summary>
    public const int MaxMatches = 2000;

    /// <summary>PostgreSQL: the ids of the newest <see cref="MaxMatches"/> matches below <paramref name="below"/>.</summary>
    public static IQueryable<Guid>? For(ConsultDeskDbContext db, string text, int? below)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;
        var limit = below ?? int.MaxValue;

        if (db.Database.IsNpgsql())
        {
            var bigrams = CaseSearchQuery.SelectiveBigrams(runs.SelectMany(r => r).Where(t => t.EnumerateRunes().Count() == 2).Distinct());
            var substrings = SearchText.Runs(SearchText.Normalize(text)).Select(r => string.Concat(r)).ToArray();
            var parameters = new List<object> { limit };
            var where = new System.Text.StringBuilder("""d."Id" < {0}""");
            if (bigrams.Length > 0)
            {
                where.Append(" AND string_to_array(d.\"Tokens\", ' ') @> {" + parameters.Count + "}");
                parameters.Add(bigrams);
            }
            foreach (var substring in substrings)
            {
                where.Append(" AND strpos(d.\"Text\", {" + parameters.Count + "}) > 0");
                parameters.Add(substring);
            }
            // MATERIALIZED keeps the GIN lookup first (ordering by the key alone would let the planner walk the
            // primary key and test every row); the matches are then few enough to sort.
            var sql = """WITH m AS MATERIALIZED (SELECT d."Id", d."DeclarationId" FROM "DeclarationSearchDocuments" d WHERE """ + where
                + """) SELECT m."DeclarationId" AS "Value" FROM m ORDER BY m."Id" DESC LIMIT """ + MaxMatches;
            return db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]);
        }

        throw new InvalidOperationException("On SQLite the list searches through SqliteSource, which keeps the index's order.");
    }

    /// <summary>The FTS5 query: each run is a phrase of consecutive bigrams (exact substring); a lone character is a token prefix.</summary>
    public static string? SqliteMatch(string text)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;
        return string.Join(" AND ", runs.Select(run => run.Length == 1 && run[0].EnumerateRunes().Count() == 1
            ? $"\"{run[0]}\"*"
            : $"\"{string.Join(' ', run)}\""));
    }

    private static string? sqliteSource;

    /// <summary>
    /// SQLite: the declarations the FTS5 query ({0}) matches, as the Declarations rows with the index's rowid standing
    /// in for the number. The list's WHERE, ORDER BY number DESC and LIMIT then run on the index's own rowid order, so
    /// SQLite walks the matches newest first and stops at the page (measured at 10^5: 0.3 ms for a word in a third of
    /// the declarations, against 27 ms collecting and sorting the capped matches), and needs no cap.
    /// </summary>
    public static string SqliteSource(ConsultDeskDbContext db) => sqliteSource ??= BuildSqliteSource(db);

    private static string BuildSqliteSource(ConsultDeskDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Domain.Declarations.Declaration))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table("Declarations", entity.GetSchema());
        var columns = entity.GetProperties().Select(p => p.GetColumnName(table)!)
            .Select(c => c == "Number" ? "\"DeclarationSearchIndex\".rowid AS \"Number\"" : $"d.\"{c}\"");
        return $"SELECT {string.Join(", ", columns)} FROM \"DeclarationSearchIndex\" JOIN \"Declarations\" d ON d.\"Number\" = \"DeclarationSearchIndex\".rowid "
            + "WHERE \"DeclarationSearchIndex\" MATCH {0}";
    }
}
