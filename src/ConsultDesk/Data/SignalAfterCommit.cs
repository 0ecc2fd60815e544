using System.Data.Common;
using System.Runtime.CompilerServices;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultDesk.Data;

/// <summary>
/// The after-commit half of the outbox and the follow-ups, in one place: a save that makes an outbox mail due (added,
/// or an admin's retry) wakes the dispatcher once, and a save that adds or re-times a scheduled follow-up schedules
/// a run at its due time, but only once the rows are committed: when the save commits on its own, or when the
/// transaction it ran in commits. A failed save or a rolled-back transaction signals nothing. Handlers just add the
/// rows and save; the sweeps remain the safety net for a signal lost in a crash. Registered on the app's DbContext.
/// </summary>
/// <remarks>
/// On SQLite the signal fires while the handler still holds the <see cref="WriteGate"/>: both signals only write to
/// an in-memory channel, so the writer is never held up, and the jobs they start read rows that are already committed.
/// A retry loop that clears its change tracker and saves again signals only for the attempt that committed.
/// </remarks>
public sealed class SignalAfterCommit(IOutboxSignal outbox, IFollowUpSignal followUps) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    /// <summary>What one context's saves have noted and not yet signalled.</summary>
    private sealed class Pending
    {
        /// <summary>Noted by the save in progress.</summary>
        public Signals Saving = new();
        /// <summary>Saved inside <see cref="TransactionId"/>, waiting for it to commit.</summary>
        public Signals InTransaction = new();
        public Guid? TransactionId;
    }

    private sealed class Signals
    {
        public bool MailQueued;
        public List<DateTime> FollowUpsDueAt = [];
        public bool IsEmpty => !MailQueued && FollowUpsDueAt.Count == 0;

        public void Add(Signals other)
        {
            MailQueued |= other.MailQueued;
            FollowUpsDueAt.AddRange(other.FollowUpsDueAt);
        }
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(eventData.Context, eventData.TransactionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context, eventData.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Abandoned(eventData.Context, eventData.TransactionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandoned(eventData.Context, eventData.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Abandoned(eventData.Context, eventData.TransactionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandoned(eventData.Context, eventData.TransactionId);
        return Task.CompletedTask;
    }

    /// <summary>Before the save: which rows it makes due. Entries() detects changes first.</summary>
    private void Note(DbContext? context)
    {
        if (context is null) return;
        var noted = new Signals();
        foreach (var entry in context.ChangeTracker.Entries<OutboxMail>())
            if (entry.Entity.Status == OutboxStatus.Pending && (entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Property(m => m.Status).OriginalValue != OutboxStatus.Pending)))
                noted.MailQueued = true;
        foreach (var entry in context.ChangeTracker.Entries<FollowUp>())
            if (entry.Entity.State == FollowUpState.Scheduled && (entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Property(f => f.DueAt).IsModified
                        && entry.Property(f => f.DueAt).OriginalValue != entry.Entity.DueAt)))
                noted.FollowUpsDueAt.Add(entry.Entity.DueAt);
        pending.GetOrCreateValue(context).Saving = noted;
    }

    /// <summary>After the save: committed already unless it ran inside a transaction the caller still holds.</summary>
    private void Saved(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state)) return;
        var saved = state.Saving;
        state.Saving = new();
        if (saved.IsEmpty) return;
        if (context.Database.CurrentTransaction is not { } transaction)
        {
            Signal(saved);
            return;
        }
        // A transaction that was disposed without a commit left its rows behind: they were never written.
        if (state.TransactionId != transaction.TransactionId)
        {
            state.InTransaction = new();
            state.TransactionId = transaction.TransactionId;
        }
        state.InTransaction.Add(saved);
    }

    private void Committed(DbContext? context, Guid transactionId)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.TransactionId != transactionId) return;
        var committed = state.InTransaction;
        state.InTransaction = new();
        state.TransactionId = null;
        Signal(committed);
    }

    private void Abandoned(DbContext? context, Guid transactionId)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.TransactionId != transactionId) return;
        state.InTransaction = new();
        state.TransactionId = null;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state)) state.Saving = new();
    }

    private void Signal(Signals signals)
    {
        if (signals.MailQueued) outbox.MailQueued();
        foreach (var dueAt in signals.FollowUpsDueAt) followUps.Planned(dueAt);
    }
}
