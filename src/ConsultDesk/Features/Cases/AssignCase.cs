using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>Managers and admins assign a case to any staff member; consultants only to themselves.</summary>
public static class AssignCase
{
    public sealed record Command(string Reference, Guid? UserId) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        [System.Text.Json.Serialization.JsonIgnore] public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Body(Guid? UserId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty().WithMessage(_ => string.Format(Texts.Required, "userId"));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, FollowUpPlanner followUps, TimeProvider clock) : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = user.RequiredId();
            var target = command.UserId!.Value;
            var supervisor = user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);
            if (!supervisor && target != actor) throw new ForbiddenException("Consultants assign cases to themselves only.");
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            if (!supervisor && @case.AssigneeId is { } current && current != actor)
                throw new ForbiddenException("Only managers and admins reassign a case someone else holds.");
            var isStaff = await db.UserRoles.AnyAsync(ur => ur.UserId == target, cancellationToken);
            if (!isStaff) throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.UserId), Texts.AssigneeUnknown)]);
            @case.AssignTo(target, actor, clock.GetUtcNow().UtcDateTime);
            await followUps.ReconcileAsync(@case, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/cases/{reference}/assignee", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 1024, ct);
                var command = new Command(reference, body.UserId) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) };
                return (await sender.Send(command, ct)).ToHttp(http.Response);
            })
            .Accepts<Body>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(AssignCase)).WithSummary("Assign a case").WithTags("Cases");
}
