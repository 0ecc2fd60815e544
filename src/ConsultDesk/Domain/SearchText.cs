using System.Globalization;
using System.Text;

namespace ConsultDesk.Domain;

/// <summary>
/// Japanese partial-word search without a morphological analyser: text is cut into overlapping two-character
/// tokens (bigrams), so any query of two or more characters (髙橋, サンプル) is a run of consecutive tokens the
/// index can find, on SQLite (FTS5 phrase) and PostgreSQL (GIN over the token array) alike. Each run also ends
/// with its last character alone, so one-character queries work as a token prefix.
/// </summary>
public static class SearchText
{
    /// <summary>NFKC (full-width ASCII, half-width kana) and lower case, so the way a word was typed does not matter.</summary>
    public static string Normalize(string value) => value.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Runs of letters and digits (by Unicode scalar, so 𠮷 is one character).</summary>
    public static IEnumerable<string[]> Runs(string normalized)
    {
        var run = new List<string>();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                run.Add(rune.ToString());
                continue;
            }
            if (run.Count > 0) yield return [.. run];
            run.Clear();
        }
        if (run.Count > 0) yield return [.. run];
    }

    /// <summary>The document's tokens, space-separated, in text order.</summary>
    public static string Tokens(IEnumerable<string?> fields)
    {
        var builder = new StringBuilder();
        foreach (var field in fields)
        {
            if (string.IsNullOrWhiteSpace(field)) continue;
            foreach (var run in Runs(Normalize(field)))
            {
                for (var i = 0; i + 1 < run.Length; i++) builder.Append(run[i]).Append(run[i + 1]).Append(' ');
                builder.Append(run[^1]).Append(' ');
            }
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>The text the exact-substring check runs against: fields joined by a separator no query can span.</summary>
    public static string Document(IEnumerable<string?> fields) =>
        string.Join("\n", fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Normalize(f!)));

    /// <summary>A query as runs of bigrams (one-character runs stay single and become prefix matches).</summary>
    public static IReadOnlyList<string[]> QueryRuns(string query) =>
        Runs(Normalize(query)).Take(8).Select(run => run.Length == 1 ? run : Enumerable.Range(0, run.Length - 1).Select(i => run[i] + run[i + 1]).ToArray()).ToList();
}

/// <summary>The searchable form of a case, kept beside it. <see cref="Id"/> is the reference as a number (FTS5 wants an integer rowid).</summary>
public sealed class CaseSearchDocument
{
    private CaseSearchDocument() { }

    public long Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Tokens { get; private set; } = "";
    public string Text { get; private set; } = "";

    public static CaseSearchDocument For(Case c)
    {
        string?[] fields = [c.Subject, c.Message, c.OrganizationName, c.OrganizationNameKana, c.FamilyName, c.GivenName,
            c.FamilyNameKana, c.GivenNameKana, c.Email, c.Reference];
        return new CaseSearchDocument { Id = KeyOf(c.Reference), CaseId = c.Id, Tokens = SearchText.Tokens(fields), Text = SearchText.Document(fields) };
    }

    /// <summary>CD-2026-000123 → 2026000123 (a sequence within a year has six digits).</summary>
    public static long KeyOf(string reference) =>
        long.Parse(reference.AsSpan(3, 4), CultureInfo.InvariantCulture) * 1_000_000 + long.Parse(reference.AsSpan(8), CultureInfo.InvariantCulture);

    /// <summary>2026000123 → CD-2026-000123: the reference a document's key stands for (the inverse of <see cref="KeyOf"/>).</summary>
    public static string ReferenceOf(long key) => ReferenceNumber.Format((int)(key / 1_000_000), key % 1_000_000);
}

/// <summary>
/// A copy of the search document of each open case (not resolved or closed), in a table of its own with its own full-text
/// index: the queue's default scope searches only open cases, a few percent of the desk, and this small table stays in the
/// database's cache where the documents of the whole history do not. Database triggers keep it (migration
/// <c>OpenCaseSearch</c>): a document is copied when it is written for an open case or when its case reopens, and removed
/// when its case is resolved or closed, whatever code moved the case. The app only reads it. A later SQLite migration that
/// rebuilds "Cases", "CaseSearchDocuments" or this table drops their triggers with the old table and must create them
/// again (QueueTests' resolved-and-reopened search test fails otherwise).
/// </summary>
public sealed class OpenCaseSearchDocument
{
    private OpenCaseSearchDocument() { }

    public long Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Tokens { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>
    /// The case's place in the queue's default order, copied beside its text (migration <c>OpenCaseSearchPlace</c>; a
    /// trigger follows the case's due time): a search of the open cases with no other filter orders its matches without
    /// reading each match's case.
    /// </summary>
    public DateTime DueAt { get; private set; }
    public string Reference { get; private set; } = "";
}
