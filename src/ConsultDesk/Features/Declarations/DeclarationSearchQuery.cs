using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The ids of declarations whose public text contains the query, the same way as <see cref="CaseSearchQuery"/>:
/// an FTS5 phrase query on SQLite; on PostgreSQL a GIN containment query on the token array made exact by a substring
/// check. The search document's key is the public number, so the matches come newest first and the list's keyset
/// position (<paramref name="below"/>) is applied inside the search: paging on through a frequent word stays exact.
/// </summary>
public static class DeclarationSearchQuery
{
    /// <summary>A search considers at most this many matches below the page position (the newest).</summary>
    public const int MaxMatches = 2000;

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

        // FTS5: each run is a phrase of consecutive bigrams (exact substring); a lone character is a token prefix.
        var match = string.Join(" AND ", runs.Select(run => run.Length == 1 && run[0].EnumerateRunes().Count() == 1
            ? $"\"{run[0]}\"*"
            : $"\"{string.Join(' ', run)}\""));
        return db.Database.SqlQueryRaw<Guid>(
            """
            SELECT d."DeclarationId" AS "Value" FROM "DeclarationSearchDocuments" d
            WHERE d."Id" IN (SELECT rowid FROM "DeclarationSearchIndex" WHERE "DeclarationSearchIndex" MATCH {0} AND rowid < {1} ORDER BY rowid DESC LIMIT {2})
            """,
            match, limit, MaxMatches);
    }
}
