using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The finders' filtering, facet counts and ordering, held in memory per app process: for every published item its
/// facet values, application period, publication time and normalised search text. The portal is small (the programme
/// publishes hundreds of items; the bench measures 10^4) and read far more than written, and a frequent word (テレワーク
/// is in most items) made the SQL form join thousands of rows per facet: 261 ms p95 at 10^4 on SQLite, against 30 ms.
/// Each request compares the items' version (count, last change and the sum of the row versions, one aggregate over a
/// covering index) with the snapshot's and rebuilds it when another request or another node changed anything, so a
/// publication shows at once on every node. Memory: about 1 KB per published item.
/// </summary>
public sealed class InfoFinderIndex
{
    private readonly SemaphoreSlim rebuilding = new(1, 1);
    private volatile Snapshot? current;

    /// <summary>
    /// One published item as the finders see it. <see cref="FacetValues"/>: per facet of the kind (in
    /// <see cref="InfoFacets.For"/> order), the item's values as numbers into <see cref="KindEntries.Values"/>, so
    /// counting is array arithmetic rather than string hashing.
    /// </summary>
    public sealed record Entry(Guid Id, string IdText, DateTime PublishedAt, DateOnly? ApplicationOpensOn, DateOnly? ApplicationClosesOn,
        string SearchText, int[][] FacetValues, bool IsNational)
    {
        /// <summary>Has an application period and it includes <paramref name="today"/> (as <see cref="InfoContent.IsOpenOn"/>).</summary>
        public bool IsOpenOn(DateOnly today) =>
            (ApplicationOpensOn is not null || ApplicationClosesOn is not null)
            && (ApplicationOpensOn is null || ApplicationOpensOn <= today)
            && (ApplicationClosesOn is null || ApplicationClosesOn >= today);
    }

    /// <summary>A kind's published items, newest first (publication time, then id as the databases order it), and per facet its values by number.</summary>
    public sealed record KindEntries(Entry[] Entries, string[][] Values)
    {
        /// <summary>The number of <paramref name="value"/> in facet <paramref name="facet"/>, or -1 when no item has it.</summary>
        public int NumberOf(int facet, string value) => Array.IndexOf(Values[facet], value);
    }

    public sealed record Snapshot(string Version, IReadOnlyDictionary<InfoKind, KindEntries> ByKind)
    {
        public KindEntries Of(InfoKind kind) =>
            ByKind.TryGetValue(kind, out var entries) ? entries : new([], [.. InfoFacets.For(kind).Select(_ => Array.Empty<string>())]);
    }

    public async Task<Snapshot> SnapshotAsync(ConsultDeskDbContext db, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(db, cancellationToken);
        if (current is { } snapshot && snapshot.Version == version) return snapshot;
        await rebuilding.WaitAsync(cancellationToken);
        try
        {
            if (current is { } built && built.Version == version) return built;
            // Read after the version: a change landing in between makes the snapshot newer than its version, and the next
            // request rebuilds; never older.
            var fresh = await BuildAsync(db, version, cancellationToken);
            current = fresh;
            return fresh;
        }
        finally
        {
            rebuilding.Release();
        }
    }

    /// <summary>The portal's version: changes with every edit, publication or withdrawal on any node (one aggregate over a covering index).</summary>
    internal static async Task<string> VersionAsync(ConsultDeskDbContext db, CancellationToken cancellationToken)
    {
        var items = await db.InfoItems.AsNoTracking().GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Latest = g.Max(i => i.UpdatedAt), Versions = g.Sum(i => (long)i.Version) })
            .SingleOrDefaultAsync(cancellationToken);
        return items is null ? "0" : $"{items.Count}-{items.Latest.Ticks}-{items.Versions}";
    }

    private static async Task<Snapshot> BuildAsync(ConsultDeskDbContext db, string version, CancellationToken cancellationToken)
    {
        var published = db.InfoItems.AsNoTracking().Where(i => i.Status == InfoStatus.Published);
        var items = await published
            .Select(i => new { i.Id, i.Kind, PublishedAt = i.PublishedAt ?? i.UpdatedAt, i.ApplicationOpensOn, i.ApplicationClosesOn })
            .ToListAsync(cancellationToken);
        var texts = await db.Set<InfoSearchDocument>().AsNoTracking()
            .Where(d => published.Any(i => i.Id == d.ItemId))
            .Select(d => new { d.ItemId, d.Text })
            .ToDictionaryAsync(d => d.ItemId, d => d.Text, cancellationToken);
        var facetRows = await db.InfoFacetValues.AsNoTracking()
            .Where(v => published.Any(i => i.Id == v.ItemId))
            .Select(v => new { v.ItemId, v.Facet, v.Value })
            .ToListAsync(cancellationToken);
        var facetsByItem = facetRows.ToLookup(v => v.ItemId);

        var byKind = new Dictionary<InfoKind, KindEntries>();
        foreach (var kind in items.GroupBy(i => i.Kind))
        {
            var keys = InfoFacets.For(kind.Key).Select(f => f.Key).ToList();
            var numbers = keys.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
            int NumberOf(int facet, string value) =>
                numbers[facet].TryGetValue(value, out var number) ? number : numbers[facet][value] = numbers[facet].Count;
            var entries = kind
                .Select(i =>
                {
                    var values = facetsByItem[i.Id];
                    var perFacet = keys.Select((key, n) => values.Where(v => v.Facet == key).Select(v => NumberOf(n, v.Value)).ToArray()).ToArray();
                    var national = values.Any(v => v.Facet == InfoFacets.Prefecture && v.Value == InfoCodes.National);
                    return new Entry(i.Id, i.Id.ToString("D"), DateTime.SpecifyKind(i.PublishedAt, DateTimeKind.Utc), i.ApplicationOpensOn,
                        i.ApplicationClosesOn, texts.GetValueOrDefault(i.Id, ""), perFacet, national);
                })
                .OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.IdText, StringComparer.Ordinal)
                .ToArray();
            byKind[kind.Key] = new KindEntries(entries, [.. numbers.Select(n => n.OrderBy(p => p.Value).Select(p => p.Key).ToArray())]);
        }
        return new Snapshot(version, byKind);
    }

    /// <summary>
    /// Whether a normalised search text contains every run of the query (each word of letters and digits, as typed after
    /// NFKC and lower case): the same exact-substring meaning as the databases' bigram search. Null when the query has
    /// nothing searchable.
    /// </summary>
    public static Func<string, bool>? Matcher(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var runs = SearchText.Runs(SearchText.Normalize(q)).Select(r => string.Concat(r)).Distinct(StringComparer.Ordinal).ToArray();
        if (runs.Length == 0) return null;
        return text =>
        {
            foreach (var run in runs)
                if (!text.Contains(run, StringComparison.Ordinal)) return false;
            return true;
        };
    }
}
