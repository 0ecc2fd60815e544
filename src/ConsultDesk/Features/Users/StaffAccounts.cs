using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Users;

/// <summary>What the account slices share: reading a user with their roles, and the last-admin guard.</summary>
internal static class StaffAccounts
{
    public static async Task<User> FindAsync(ConsultDeskDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("User");

    public static Task<List<string>> RoleNamesAsync(ConsultDeskDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);

    /// <summary>
    /// Whether an active (not disabled) admin other than <paramref name="userId"/> exists. Call it inside a transaction:
    /// it first updates the admin role's row, which PostgreSQL locks until commit (SQLite has one writer anyway), so
    /// two admins demoting or disabling each other at the same moment cannot both pass the check.
    /// </summary>
    public static async Task<bool> AnotherActiveAdminAsync(ConsultDeskDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var admin = Roles.Admin.ToUpperInvariant();
        await db.Roles.Where(r => r.NormalizedName == admin)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConcurrencyStamp, Guid.NewGuid().ToString()), cancellationToken);
        return await db.UserRoles.AnyAsync(ur => ur.UserId != userId
            && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == admin)
            && db.Users.Any(u => u.Id == ur.UserId && u.DisabledAt == null), cancellationToken);
    }

    public static UserModel ToModel(User user, IReadOnlyList<string> roles, DateTimeOffset now) =>
        new(user.Id, user.Email!, user.DisplayName, roles, user.LockoutEnd > now, user.IsDisabled);
}
