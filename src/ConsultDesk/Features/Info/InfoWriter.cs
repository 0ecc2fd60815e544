using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>Who made a change, as the revision history names them.</summary>
public sealed record InfoActor(Guid? UserId, string Name)
{
    /// <summary>Scheduled publication, imports and sample content.</summary>
    public static readonly InfoActor System = new(null, "システム");
}

/// <summary>
/// Everything kept beside an item, brought in line with it in the same unit of work before SaveChanges: its facet rows
/// (what the finders count), its search document, its links (new ones start unchecked, kept ones keep their last
/// verdict), a guideline's edition history, and the revision that records the change. Every write of an item goes
/// through here (editing, scheduling, publication, import, samples), so none of them can forget one of these.
/// </summary>
public static class InfoWriter
{
    /// <summary>Adds a new item and what belongs to it, recorded as revision 1.</summary>
    public static void Add(ConsultDeskDbContext db, InfoItem item, InfoRevisionAction action, InfoActor actor, string? note, DateTime now)
    {
        db.InfoItems.Add(item);
        db.InfoSearch.Add(InfoSearchDocument.For(item));
        foreach (var (facet, value) in InfoFacets.ValuesOf(item.Kind, item.Content)) db.InfoFacetValues.Add(InfoFacetValue.Of(item.Id, facet, value));
        foreach (var (url, isMain) in LinksOf(item)) db.InfoLinks.Add(InfoLink.Of(item.Id, url, isMain));
        if (item.Kind == InfoKind.Guideline && !string.IsNullOrWhiteSpace(item.Edition))
            db.InfoEditions.Add(InfoEdition.Of(item.Id, item.Edition, item.IssuedOn, item.Url, now));
        db.InfoRevisions.Add(InfoRevision.Of(item, 1, action, [], actor.UserId, actor.Name, note, now));
    }

    /// <summary>
    /// Records a change already made to a tracked <paramref name="item"/>: brings the facet rows, search document,
    /// links and editions in line when the content changed, and adds the next revision.
    /// </summary>
    public static async Task RecordAsync(ConsultDeskDbContext db, InfoItem item, InfoRevisionAction action,
        IReadOnlyList<string> changedFields, InfoActor actor, string? note, DateTime now, CancellationToken cancellationToken,
        string? previousEdition = null)
    {
        if (changedFields.Count > 0)
        {
            await SyncFacetsAsync(db, item, cancellationToken);
            await SyncLinksAsync(db, item, cancellationToken);
            var document = await db.InfoSearch.SingleOrDefaultAsync(d => d.ItemId == item.Id, cancellationToken);
            if (document is null) db.InfoSearch.Add(InfoSearchDocument.For(item));
            else document.Update(item);
            if (item.Kind == InfoKind.Guideline && !string.IsNullOrWhiteSpace(item.Edition)
                && changedFields.Contains(nameof(InfoContent.Edition)) && item.Edition != previousEdition)
                db.InfoEditions.Add(InfoEdition.Of(item.Id, item.Edition, item.IssuedOn, item.Url, now));
        }
        var last = await db.InfoRevisions.Where(r => r.ItemId == item.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        db.InfoRevisions.Add(InfoRevision.Of(item, last + 1, action, changedFields, actor.UserId, actor.Name, note, now));
    }

    /// <summary>The item's main link and every external link of its bodies, once each.</summary>
    public static IEnumerable<(Uri Url, bool IsMain)> LinksOf(InfoItem item)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (InfoMarkdown.IsExternal(item.Url, out var main) && seen.Add(main.AbsoluteUri)) yield return (main, true);
        foreach (var link in InfoMarkdown.ExternalLinks(item.Body).Concat(InfoMarkdown.ExternalLinks(item.BodyEn)))
            if (seen.Add(link.AbsoluteUri) && link.AbsoluteUri.Length <= InfoContent.MaxUrlLength) yield return (link, false);
    }

    private static async Task SyncFacetsAsync(ConsultDeskDbContext db, InfoItem item, CancellationToken cancellationToken)
    {
        var wanted = InfoFacets.ValuesOf(item.Kind, item.Content).ToHashSet();
        var stored = await db.InfoFacetValues.Where(f => f.ItemId == item.Id).ToListAsync(cancellationToken);
        foreach (var row in stored.Where(r => !wanted.Remove((r.Facet, r.Value)))) db.InfoFacetValues.Remove(row);
        foreach (var (facet, value) in wanted) db.InfoFacetValues.Add(InfoFacetValue.Of(item.Id, facet, value));
    }

    private static async Task SyncLinksAsync(ConsultDeskDbContext db, InfoItem item, CancellationToken cancellationToken)
    {
        var wanted = LinksOf(item).ToList();
        var stored = await db.InfoLinks.Where(l => l.ItemId == item.Id).ToListAsync(cancellationToken);
        foreach (var link in stored)
        {
            var match = wanted.FindIndex(w => w.Url.AbsoluteUri == link.Url);
            if (match < 0)
            {
                db.InfoLinks.Remove(link);
                continue;
            }
            link.MarkMain(wanted[match].IsMain);
            wanted.RemoveAt(match);
        }
        foreach (var (url, isMain) in wanted) db.InfoLinks.Add(InfoLink.Of(item.Id, url, isMain));
    }
}
