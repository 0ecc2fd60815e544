using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>The cases a bulk action is about to touch, as they stand now: the confirmation step lists them with their versions.</summary>
public static class ListSelectedCases
{
    public sealed record Query(IReadOnlyList<string> References) : IQuery<IReadOnlyList<Item>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Item(string Reference, string Subject, CaseStatus Status, string? AssigneeName, int Version);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var references = query.References.Where(ReferenceNumber.IsWellFormed).Distinct().Take(BulkCaseAction.MaxCases).ToList();
            var rows = await db.Cases.AsNoTracking().Where(c => references.Contains(c.Reference))
                .Select(c => new Item(c.Reference, c.Subject, c.Status,
                    db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(), c.Version))
                .ToListAsync(cancellationToken);
            // In the order the user saw them in the queue.
            return rows.OrderBy(r => references.IndexOf(r.Reference)).ToList();
        }
    }
}
