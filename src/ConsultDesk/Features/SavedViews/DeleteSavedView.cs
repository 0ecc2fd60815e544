using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.SavedViews;

/// <summary>Deletes one of the user's own views (another user's is not found).</summary>
public static class DeleteSavedView
{
    public sealed record Command(Guid Id) : ICommand, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = user.RequiredId();
            var deleted = await db.SavedViews.Where(v => v.Id == command.Id && v.UserId == me).ExecuteDeleteAsync(cancellationToken);
            return deleted == 0 ? throw new NotFoundException("Saved view") : Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapDelete("/saved-views/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(DeleteSavedView)).WithSummary("Delete a saved view").WithTags("Saved views");
}
