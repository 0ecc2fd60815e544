using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Matching;

/// <summary>The proposals of a case, oldest first, with what each may do next.</summary>
public static class ListMatches
{
    public sealed record Query(string Reference) : IQuery<IReadOnlyList<MatchAccess.ProposalModel>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<MatchAccess.ProposalModel>>
    {
        public async ValueTask<IReadOnlyList<MatchAccess.ProposalModel>> Handle(Query query, CancellationToken cancellationToken)
        {
            var caseId = await db.Cases.AsNoTracking().Where(c => c.Reference == query.Reference).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Case");
            return await MatchAccess.ListAsync(db, caseId, cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{reference}/matches", async (string reference, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(reference), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ListMatches)).WithSummary("The match proposals of a case").WithTags("Matching");
}
