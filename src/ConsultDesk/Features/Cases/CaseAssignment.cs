using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.FollowUps;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// What claiming and releasing a case share: load it at the expected version, change who has it, re-plan its
/// follow-ups and save; the two slices differ only in the change (and who may make it).
/// </summary>
internal static class CaseAssignment
{
    public static async ValueTask<CaseWriteResult> ChangeAsync(ConsultDeskDbContext db, WriteGate gate, FollowUpPlanner followUps, TimeProvider clock,
        string reference, int? expectedVersion, Action<Case, DateTime> change, CancellationToken cancellationToken)
    {
        var @case = await CaseAccess.LoadForWriteAsync(db, reference, expectedVersion, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        change(@case, now);
        await followUps.ReconcileAsync(@case, now, cancellationToken);
        await gate.SaveChangesAsync(db, cancellationToken);
        return CaseWriteResult.Of(@case);
    }
}
