using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Info;

/// <summary>
/// Replaces an item's content (the slug and kind stay). With If-Match (or the version the editor read) an item changed
/// meanwhile is a 412. Returns the item and the fields that changed; no change writes nothing and adds no revision.
/// </summary>
public static class UpdateInfoItem
{
    public sealed record Command(Guid Id, InfoItemInput Item) : ICommand<Response>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Response(InfoItemModel Item, IReadOnlyList<string> ChangedFields);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, LocalGovernmentDirectory directory, ICurrentUser user, TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = await InfoEditAccess.ActorAsync(db, user, cancellationToken);
            var kind = (await InfoEditAccess.LoadAsync(db, command.Id, tracking: false, cancellationToken)).Kind;
            var content = command.Item.ToContent(kind);
            await InfoEditAccess.ValidateAsync(kind, content, directory, db, cancellationToken);
            InfoItem item;
            IReadOnlyList<string> changed;
            using (await gate.EnterAsync(cancellationToken))
            {
                item = await InfoEditAccess.LoadAsync(db, command.Id, tracking: true, cancellationToken);
                InfoEditAccess.CheckVersion(item, command.ExpectedVersion);
                var previousEdition = item.Edition;
                changed = item.Edit(content, now);
                if (changed.Count > 0)
                {
                    await InfoWriter.RecordAsync(db, item, InfoRevisionAction.Edited, changed, actor, command.Item.Note, now, cancellationToken, previousEdition);
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            if (changed.Count > 0) logger.LogInformation("Info item {ItemId} edited by {UserId}: {Fields}", item.Id, actor.UserId, string.Join(' ', changed));
            return new Response(await InfoEditAccess.ModelAsync(db, item, cancellationToken), changed);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/info/items/{id:guid}", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<InfoItemInput>(http, JsonRequest.DefaultMaxBytes, ct);
                var response = await sender.Send(new Command(id, body) { ExpectedVersion = Cases.CaseAccess.ExpectedVersion(http.Request) }, ct);
                Cases.CaseAccess.SetETag(http.Response, response.Item.Version);
                return TypedResults.Ok(response);
            })
            .Accepts<InfoItemInput>("application/json")
            .Produces<Response>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(UpdateInfoItem)).WithSummary("Change a portal item's content (If-Match; editors, managers, admins)").WithTags("Info");
}
