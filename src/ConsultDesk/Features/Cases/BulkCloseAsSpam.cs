using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// Closes up to 100 cases as spam, each by <see cref="TransitionCase"/> (reason <c>spam</c>, the comment on each
/// timeline) and under its rules: a consultant closes only the cases they hold, a case already closed is skipped.
/// </summary>
public static class BulkCloseAsSpam
{
    public sealed record Command(IReadOnlyList<BulkCaseAction.Target>? Cases, string? Comment) : ICommand<BulkCaseAction.Result>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Cases).BulkTargets();
            RuleFor(c => c.Comment).SingleLine(500, () => "comment");
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, ISender sender) : ICommandHandler<Command, BulkCaseAction.Result>
    {
        public ValueTask<BulkCaseAction.Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
            return BulkCaseAction.RunAsync(db, command.Cases!, async (item, snapshot, ct) =>
                snapshot.Status == CaseStatus.Closed
                    ? null
                    : await sender.Send(new TransitionCase.Command(item.Reference!, CaseStatus.Closed, CloseReason.Spam, comment) { ExpectedVersion = item.Version }, ct),
                cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/bulk/close-spam", async (HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(await JsonRequest.ReadAsync<Command>(http, JsonRequest.DefaultMaxBytes, ct), ct)))
            .Accepts<Command>("application/json").ProducesValidationProblem()
            .WithName(nameof(BulkCloseAsSpam)).WithSummary("Close up to 100 cases as spam").WithTags("Cases");
}
