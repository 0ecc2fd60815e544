using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ConsultDesk.Data;

/// <summary>
/// Keeps the timeline rule of <see cref="Case"/>: an entry that changes the case (<see cref="TimelineEntry.ChangesCase"/>)
/// is written only by the case method that makes the change, together with its version; every other entry (a record of
/// a mail, a follow-up, a match step, an opt-out...) is written here and leaves the version alone.
/// </summary>
public static class CaseTimeline
{
    /// <summary>Adds an entry that records a change to another row; refuses one that would change the case.</summary>
    public static void Record(ConsultDeskDbContext db, TimelineEntry entry)
    {
        if (entry.ChangesCase)
            throw new InvalidOperationException($"A '{entry.Type}' timeline entry changes the case: write it through the Case method that makes the change.");
        db.Timeline.Add(entry);
    }

    /// <summary>
    /// Checked before every save: a case-changing entry must come with its case's new version (a new case, or one whose
    /// version was bumped in the same save), so no path can add one and leave the ETag as it was.
    /// </summary>
    public static void EnsureRule(ChangeTracker changes)
    {
        List<TimelineEntry>? changing = null;
        foreach (var entry in changes.Entries<TimelineEntry>())
            if (entry.State == EntityState.Added && entry.Entity.ChangesCase) (changing ??= []).Add(entry.Entity);
        if (changing is null) return;
        var versioned = changes.Entries<Case>()
            .Where(c => c.State == EntityState.Added || (c.State == EntityState.Modified && c.Property(x => x.Version).IsModified))
            .Select(c => c.Entity.Id)
            .ToHashSet();
        foreach (var entry in changing)
            if (!versioned.Contains(entry.CaseId))
                throw new InvalidOperationException($"A '{entry.Type}' timeline entry was added without its case's version changing: write it through the Case method that makes the change.");
    }
}
