using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>What the judging slices share: the judges of the desk, the current judge's own assignment, names and the COI status on the wire.</summary>
public static class AwardJudgingAccess
{
    public sealed record JudgeItem(Guid Id, string DisplayName);

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Every enabled user in the judge role, by name.</summary>
    public static async Task<List<JudgeItem>> JudgesAsync(ConsultDeskDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (from user in db.Users
                          join userRole in db.UserRoles on user.Id equals userRole.UserId
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where role.Name == Roles.Judge && user.DisabledAt == null
                          select new { user.Id, user.DisplayName }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.DistinctBy(r => r.Id).OrderBy(r => r.DisplayName, StringComparer.Ordinal).Select(r => new JudgeItem(r.Id, r.DisplayName)).ToList();
    }

    /// <summary>Enabled admins with an address: who hears of a declared conflict.</summary>
    public static async Task<List<(string Email, string Name)>> ActiveAdminsAsync(ConsultDeskDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (from user in db.Users
                          join userRole in db.UserRoles on user.Id equals userRole.UserId
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where role.Name == Roles.Admin && user.Email != null && user.DisabledAt == null
                          select new { user.Email, user.DisplayName }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(r => (r.Email!, r.DisplayName)).DistinctBy(r => r.Item1, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The signed-in judge's own assignment, tracked; anyone else's (or a missing one) is a 404, so a judge cannot
    /// even learn that another judge's assignment exists.
    /// </summary>
    public static async Task<AwardAssignment> OwnAssignmentAsync(ConsultDeskDbContext db, ICurrentUser user, Guid assignmentId, CancellationToken cancellationToken)
    {
        var judgeId = user.RequiredId();
        return await db.AwardAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.JudgeId == judgeId, cancellationToken)
            ?? throw new NotFoundException("Assignment");
    }

    public static async Task<AwardRound> RoundAsync(ConsultDeskDbContext db, Guid roundId, CancellationToken cancellationToken) =>
        await db.AwardRounds.AsNoTracking().Include(r => r.Categories).Include(r => r.Criteria).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
        ?? throw new NotFoundException("Round");

    public static string ConflictName(ConflictStatus status) => status switch
    {
        ConflictStatus.Pending => Texts.AwardJudging_ConflictPending,
        ConflictStatus.NoConflict => Texts.AwardJudging_ConflictNone,
        _ => Texts.AwardJudging_ConflictDeclared,
    };

    /// <summary>The extension a blind judge sees, from the checked content type (never from the entrant's file name).</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        _ => "",
    };

    public static string Jst(DateTime utc) => Domain.Calendar.JapanTime.Format(utc);
}

/// <summary>The rules an admin's assignment must keep (shared by the assignment by hand and the even spread).</summary>
public static class AwardAssigning
{
    public static ConflictException Refused(string code, string message) => new(message, new Dictionary<string, object?> { ["code"] = code });

    /// <summary>Assignments change only until the judging window closes.</summary>
    public static void RequireOpen(AwardRound round, DateTime nowUtc)
    {
        if (round.IsJudgingClosed(nowUtc)) throw Refused("award-judging-closed", Resources.Texts.AwardJudging_JudgingClosed);
    }

    /// <summary>The ids among <paramref name="ids"/> that are enabled users in the judge role.</summary>
    public static async Task<HashSet<Guid>> JudgesAmongAsync(ConsultDeskDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await (from user in db.Users
                           join userRole in db.UserRoles on user.Id equals userRole.UserId
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where role.Name == Roles.Judge && user.DisabledAt == null && ids.Contains(user.Id)
                           select user.Id).ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    public static AwardEvent Assigned(AwardAssignment assignment, Guid actorId, DateTime nowUtc, string how) =>
        AwardEvent.Create(assignment.RoundId, assignment.EntryId, null, "assigned", nowUtc, actorId, new { assignmentId = assignment.Id, judgeId = assignment.JudgeId, how });
}
