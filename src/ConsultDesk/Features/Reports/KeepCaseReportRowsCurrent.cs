using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Writes each added or changed case's report row, its flow-day and speed-cell deltas, and a concluded match's milestone, into the same SaveChanges, so
/// the reports never lag behind or disagree with the cases. Registered on the app's DbContext.
/// </summary>
public sealed class KeepCaseReportRowsCurrent(BusinessCalendar calendar) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // Only tools save synchronously; they get the same rows, blocking.
        if (eventData.Context is ConsultDeskDbContext db) UpdateAsync(db, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ConsultDeskDbContext db) await UpdateAsync(db, cancellationToken);
        return result;
    }

    private async ValueTask UpdateAsync(ConsultDeskDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var changedCases = db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        var concluded = db.ChangeTracker.Entries<MatchProposal>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.Status == ProposalStatus.Concluded)
            .Select(e => e.Entity.CaseId).ToHashSet();
        if (changedCases.Count == 0 && concluded.Count == 0) return;

        var existingIds = changedCases.Where(e => e.State == EntityState.Modified).Select(e => e.Entity.Id).Concat(concluded).Distinct().ToList();
        var rows = existingIds.Count == 0
            ? []
            : await db.CaseReportRows.Where(r => existingIds.Contains(r.CaseId)).ToDictionaryAsync(r => r.CaseId, cancellationToken);
        foreach (var added in db.ChangeTracker.Entries<CaseReportRow>().Where(e => e.State == EntityState.Added))
            rows.TryAdd(added.Entity.CaseId, added.Entity);

        foreach (var entry in changedCases)
        {
            FlowDays before;
            SpeedCells cellsBefore;
            if (rows.TryGetValue(entry.Entity.Id, out var row))
            {
                (before, cellsBefore) = (FlowDays.Of(row), SpeedCells.Of(row));
                row.Refresh(entry.Entity, calendar);
            }
            else
            {
                if (entry.State == EntityState.Modified) await LoadTopicsAsync(db, entry, cancellationToken);
                (before, cellsBefore) = (FlowDays.None, SpeedCells.None);
                row = CaseReportRow.For(entry.Entity, calendar);
                db.CaseReportRows.Add(row);
                rows[row.CaseId] = row;
            }
            // The unfiltered reports' summaries (flow per day, speed all time) move with the row, appended (never
            // updated) in this transaction.
            db.FlowDayDeltas.AddRange(FlowDayDelta.Between(before, FlowDays.Of(row)));
            db.SpeedCellDeltas.AddRange(SpeedCellDelta.Between(cellsBefore, SpeedCells.Of(row)));
        }
        foreach (var caseId in concluded)
            if (rows.TryGetValue(caseId, out var row)) row.Reach(ReportMilestones.MatchConcluded);
    }

    // A case saved before report rows existed gets its row on its next change; its topics are needed for the mask.
    private static async Task LoadTopicsAsync(ConsultDeskDbContext db, EntityEntry<Case> entry, CancellationToken cancellationToken)
    {
        var topics = entry.Collection(c => c.Topics);
        if (!topics.IsLoaded) await topics.LoadAsync(cancellationToken);
    }
}
