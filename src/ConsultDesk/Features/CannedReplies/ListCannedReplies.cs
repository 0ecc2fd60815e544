using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.CannedReplies;

/// <summary>The canned replies a staff member may use: the shared ones first, then their own, each by name.</summary>
public static class ListCannedReplies
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Item(Guid Id, string Name, string Body, bool Shared, bool CanChange, DateTime UpdatedAt);

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = user.RequiredId();
            var admin = user.IsInRole(Roles.Admin);
            var rows = await CannedReplyAccess.Visible(db, me).AsNoTracking()
                .OrderBy(c => c.OwnerId == null ? 0 : 1).ThenBy(c => c.Name)
                .Select(c => new { c.Id, c.Name, c.Body, c.OwnerId, c.UpdatedAt })
                .Take(500)
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Item(r.Id, r.Name, r.Body, r.OwnerId is null, r.OwnerId is null ? admin : r.OwnerId == me, r.UpdatedAt)).ToList();
        }
    }
}
