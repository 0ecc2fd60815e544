using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>The staff a case can be handed to (every active account with a role, by name): the case page's and the bulk-assign pickers. Who may assign is checked by the assign commands.</summary>
public static class ListAssignees
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Item(Guid Id, string DisplayName);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Users.AsNoTracking()
                .Where(u => u.DisabledAt == null && db.UserRoles.Any(r => r.UserId == u.Id))
                .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
                .Take(500)
                .Select(u => new Item(u.Id, u.DisplayName))
                .ToListAsync(cancellationToken);
    }
}
