using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Info;

/// <summary>Publishes an item now (a draft, a scheduled or an unpublished one).</summary>
public static class PublishInfoItem
{
    public sealed record Command(Guid Id) : ICommand<InfoItemModel>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, InfoItemModel>
    {
        public async ValueTask<InfoItemModel> Handle(Command command, CancellationToken cancellationToken) =>
            await ChangeInfoStatus.RunAsync(db, gate, user, clock, logger, command.Id, command.ExpectedVersion, InfoRevisionAction.Published, null,
                (item, now) =>
                {
                    if (item.Status == InfoStatus.Published)
                        throw new ConflictException(InfoRules.NothingToChange);
                    item.Publish(now);
                }, cancellationToken);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/info/items/{id:guid}/publish", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var item = await sender.Send(new Command(id) { ExpectedVersion = Cases.CaseAccess.ExpectedVersion(http.Request) }, ct);
                Cases.CaseAccess.SetETag(http.Response, item.Version);
                return TypedResults.Ok(item);
            })
            .Produces<InfoItemModel>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(PublishInfoItem)).WithSummary("Publish a portal item now (editors, managers, admins)").WithTags("Info");
}
