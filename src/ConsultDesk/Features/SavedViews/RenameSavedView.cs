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

namespace ConsultDesk.Features.SavedViews;

/// <summary>Renames one of the user's own views (another user's is not found).</summary>
public static class RenameSavedView
{
    public sealed record Body(string? Name);

    public sealed record Command(Guid Id, string? Name) : ICommand<ListSavedViews.Item>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Name).ViewName();
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, ListSavedViews.Item>
    {
        public async ValueTask<ListSavedViews.Item> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = user.RequiredId();
            var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Id == command.Id && v.UserId == me, cancellationToken)
                ?? throw new NotFoundException("Saved view");
            var name = command.Name!.Trim();
            if (name != view.Name && await db.SavedViews.AnyAsync(v => v.UserId == me && v.Name == name, cancellationToken))
                throw new ConflictException(Texts.SavedViewNameTaken);
            view.Rename(name, clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                throw new ConflictException(Texts.SavedViewNameTaken);
            }
            return new ListSavedViews.Item(view.Id, view.Name, view.Query);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/saved-views/{id:guid}", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 1024, ct);
                return TypedResults.Ok(await sender.Send(new Command(id, body.Name), ct));
            })
            .Accepts<Body>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(RenameSavedView)).WithSummary("Rename a saved view").WithTags("Saved views");
}
