using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>Assigns up to 100 cases to one staff member, each by <see cref="AssignCase"/> and under its rules.</summary>
public static class BulkAssign
{
    public sealed record Command(IReadOnlyList<BulkCaseAction.Target>? Cases, Guid? UserId) : ICommand<BulkCaseAction.Result>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Cases).BulkTargets();
            RuleFor(c => c.UserId).NotEmpty().WithMessage(_ => string.Format(Texts.Required, "userId"));
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, ISender sender) : ICommandHandler<Command, BulkCaseAction.Result>
    {
        public async ValueTask<BulkCaseAction.Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var target = command.UserId!.Value;
            // Asked once for the request rather than refused once per case.
            if (!await db.UserRoles.AnyAsync(ur => ur.UserId == target, cancellationToken))
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.UserId), Texts.AssigneeUnknown)]);
            return await BulkCaseAction.RunAsync(db, command.Cases!, async (item, _, ct) =>
                await sender.Send(new AssignCase.Command(item.Reference!, target) { ExpectedVersion = item.Version }, ct), cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/bulk/assign", async (HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(await JsonRequest.ReadAsync<Command>(http, JsonRequest.DefaultMaxBytes, ct), ct)))
            .Accepts<Command>("application/json").ProducesValidationProblem()
            .WithName(nameof(BulkAssign)).WithSummary("Assign up to 100 cases to one staff member").WithTags("Cases");
}
