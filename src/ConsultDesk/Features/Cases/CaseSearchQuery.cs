using ConsultDesk.Data;
using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// The ids of cases whose text contains the query, found through each provider's index over the bigram tokens
/// (see <see cref="SearchText"/>): an FTS5 phrase query on SQLite; on PostgreSQL a GIN containment query on the
/// token array, made exact by a substring check on the few candidates.
/// </summary>
public static class CaseSearchQuery
{
    /// <summary>
    /// A search considers at most this many matches (on SQLite the most recent; on PostgreSQL the first in storage
    /// order): a word found in a tenth of a million cases must not cost a scan of all of them.
    /// </summary>
    public const int MaxMatches = 2000;

    public static IQueryable<Guid>? For(ConsultDeskDbContext db, string text)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;

        if (db.Database.IsNpgsql())
        {
            var bigrams = SelectiveBigrams(runs.SelectMany(r => r).Where(t => t.EnumerateRunes().Count() == 2).Distinct());
            var substrings = Words(text);
            var sql = new System.Text.StringBuilder("""SELECT d."CaseId" AS "Value" FROM "CaseSearchDocuments" d WHERE TRUE""");
            var parameters = new List<object>();
            if (bigrams.Length > 0)
            {
                sql.Append(" AND string_to_array(d.\"Tokens\", ' ') @> {" + parameters.Count + "}");
                parameters.Add(bigrams);
            }
            foreach (var substring in substrings)
            {
                sql.Append(" AND strpos(d.\"Text\", {" + parameters.Count + "}) > 0");
                parameters.Add(substring);
            }
            // No ORDER BY: it would make PostgreSQL walk the primary key instead of the GIN index (measured at 10^6:
            // 0.57 s against 0.04 s for 髙橋), so here the cap keeps the first matches in storage order.
            sql.Append(" LIMIT " + MaxMatches);
            return db.Database.SqlQueryRaw<Guid>(sql.ToString(), [.. parameters]);
        }

        // FTS5: each run is a phrase of consecutive bigrams (exact substring); a lone character is a token prefix.
        var match = string.Join(" AND ", runs.Select(run => run.Length == 1 && run[0].EnumerateRunes().Count() == 1
            ? $"\"{run[0]}\"*"
            : $"\"{string.Join(' ', run)}\""));
        return db.Database.SqlQueryRaw<Guid>(
            """
            SELECT d."CaseId" AS "Value" FROM "CaseSearchDocuments" d
            WHERE d."Id" IN (SELECT rowid FROM "CaseSearchIndex" WHERE "CaseSearchIndex" MATCH {0} ORDER BY rowid DESC LIMIT {1})
            """,
            match, MaxMatches);
    }

    /// <summary>
    /// The search documents holding every word of the text (its runs of letters and digits, normalised as the documents
    /// are) as a substring: checked row by row, for a walk that reaches each document by its case id. Null when the
    /// text has no word.
    /// </summary>
    public static IQueryable<CaseSearchDocument>? Containing(ConsultDeskDbContext db, string text)
    {
        var words = Words(text);
        if (words.Length == 0) return null;
        IQueryable<CaseSearchDocument> documents = db.CaseSearch;
        foreach (var word in words) documents = documents.Where(d => d.Text.Contains(word));
        return documents;
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
