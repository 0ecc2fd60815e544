using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Info;

/// <summary>
/// Schedules an item's publication at an instant (the desk form takes a JST date-time); the info job publishes it then.
/// A moment that has already come publishes now. Editing a published item's schedule is not needed: it is public.
/// </summary>
public static class ScheduleInfoItem
{
    public sealed record Command(Guid Id, DateTimeOffset? PublishAt) : ICommand<InfoItemModel>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public string? Note { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Body(DateTimeOffset? PublishAt, string? Note);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PublishAt).NotNull().WithMessage(_ => InfoRules.Required("PublishAt"));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, InfoItemModel>
    {
        public async ValueTask<InfoItemModel> Handle(Command command, CancellationToken cancellationToken) =>
            await ChangeInfoStatus.RunAsync(db, gate, user, clock, logger, command.Id, command.ExpectedVersion, InfoRevisionAction.Scheduled, command.Note,
                (item, now) =>
                {
                    if (item.Status == InfoStatus.Published) throw new ConflictException(InfoRules.AlreadyPublished);
                    item.Schedule(command.PublishAt!.Value.UtcDateTime, now);
                }, cancellationToken);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/info/items/{id:guid}/schedule", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, JsonRequest.DefaultMaxBytes, ct);
                var item = await sender.Send(new Command(id, body.PublishAt) { ExpectedVersion = Cases.CaseAccess.ExpectedVersion(http.Request), Note = body.Note }, ct);
                Cases.CaseAccess.SetETag(http.Response, item.Version);
                return TypedResults.Ok(item);
            })
            .Accepts<Body>("application/json").Produces<InfoItemModel>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(ScheduleInfoItem)).WithSummary("Schedule a portal item's publication (RFC 3339 instant; a past one publishes now)").WithTags("Info");
}
