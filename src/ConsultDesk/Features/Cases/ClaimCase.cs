using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Cases;

/// <summary>A staff member takes an unassigned case.</summary>
public static class ClaimCase
{
    public sealed record Command(string Reference, int? ExpectedVersion) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, FollowUpPlanner followUps, TimeProvider clock) : ICommandHandler<Command, CaseWriteResult>
    {
        public ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken) =>
            CaseAssignment.ChangeAsync(db, gate, followUps, clock, command.Reference, command.ExpectedVersion,
                (@case, now) => @case.Claim(user.RequiredId(), now), cancellationToken);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/claim", async (string reference, HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Command(reference, CaseAccess.ExpectedVersion(request)), ct)).ToHttp(response))
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(ClaimCase)).WithSummary("Take an unassigned case").WithTags("Cases");
}
