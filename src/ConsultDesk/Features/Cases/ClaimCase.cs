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
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            @case.Claim(user.RequiredId(), clock.GetUtcNow().UtcDateTime);
            await followUps.ReconcileAsync(@case, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/claim", async (string reference, HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Command(reference, CaseAccess.ExpectedVersion(request)), ct)).ToHttp(response))
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(ClaimCase)).WithSummary("Take an unassigned case").WithTags("Cases");
}
