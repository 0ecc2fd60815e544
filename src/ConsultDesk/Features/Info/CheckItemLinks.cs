using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// "今すぐ確認": an editor checks every link of one item now (whatever its status, ignoring the day's reuse), under the
/// same politeness and address rules as the weekly run; answers the item's links with their new verdicts.
/// </summary>
public static class CheckItemLinks
{
    public sealed record Command(Guid ItemId) : ICommand<ListItemLinks.Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, LinkChecker checker, TimeProvider clock)
        : ICommandHandler<Command, ListItemLinks.Response>
    {
        public async ValueTask<ListItemLinks.Response> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.InfoItems.AnyAsync(i => i.Id == command.ItemId, cancellationToken)) throw new NotFoundException("Info item");
            var targets = await db.InfoLinks.AsNoTracking().Where(l => l.ItemId == command.ItemId)
                .Select(l => new CheckLinks.Target(l.Id, l.Url)).ToListAsync(cancellationToken);
            await CheckLinks.CheckAndSaveAsync(db, gate, checker.StartRun(), clock, targets, cancellationToken);
            return await ListItemLinks.LoadAsync(db, command.ItemId, cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/info/items/{id:guid}/check-links", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(CheckItemLinks))
            .WithSummary("Check one portal item's links now (editors)")
            .WithDescription("Requests every link of the item at once (HEAD, then GET; robots.txt, per-host limit and timeout as in the weekly run) and answers the links with their new verdicts.")
            .WithTags("Info");
}
