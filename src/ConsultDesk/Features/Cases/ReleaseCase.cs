using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Cases;

/// <summary>The assignee (or a manager or admin) gives a case back to the queue.</summary>
public static class ReleaseCase
{
    public sealed record Command(string Reference, int? ExpectedVersion) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, FollowUpPlanner followUps, TimeProvider clock) : ICommandHandler<Command, CaseWriteResult>
    {
        public ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken) =>
            CaseAssignment.ChangeAsync(db, gate, followUps, clock, command.Reference, command.ExpectedVersion, (@case, now) =>
            {
                CaseAccess.EnsureCanWork(@case, user);
                @case.Release(user.RequiredId(), now);
            }, cancellationToken);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapDelete("/cases/{reference}/assignee", async (string reference, HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Command(reference, CaseAccess.ExpectedVersion(request)), ct)).ToHttp(response))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(ReleaseCase)).WithSummary("Release a case to the queue").WithTags("Cases");
}
