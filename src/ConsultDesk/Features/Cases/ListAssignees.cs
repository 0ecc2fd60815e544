using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>The staff a case can be assigned to (active users with a role), by name: the bulk-assign picker.</summary>
public static class ListAssignees
{
    public sealed record Query : IQuery<IReadOnlyList<GetCase.PersonModel>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<GetCase.PersonModel>>
    {
        public async ValueTask<IReadOnlyList<GetCase.PersonModel>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Users.AsNoTracking()
                .Where(u => u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id))
                .OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(1000)
                .Select(u => new GetCase.PersonModel(u.Id, u.DisplayName))
                .ToListAsync(cancellationToken);
    }
}
