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

/// <summary>Saves the queue's current filters under a name for the signed-in user; the same name replaces its filters.</summary>
public static class SaveView
{
    /// <summary><see cref="Query"/>: the queue's query string (<c>assignee=me&amp;due=due-soon</c>); a page position in it is dropped.</summary>
    public sealed record Command(string? Name, string? Query) : ICommand<ListSavedViews.Item>, IRoleRestrictedMessage
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
            var filter = SavedViewRules.CanonicalFilter(command.Query);
            var name = command.Name!.Trim();
            var now = clock.GetUtcNow().UtcDateTime;
            var view = await db.SavedViews.SingleOrDefaultAsync(v => v.UserId == me && v.Name == name, cancellationToken);
            if (view is not null)
            {
                view.ChangeFilter(filter, now);
            }
            else
            {
                if (await db.SavedViews.CountAsync(v => v.UserId == me, cancellationToken) >= SavedView.MaxPerUser)
                    throw SavedViewRules.Invalid(string.Format(Texts.SavedViewLimit, SavedView.MaxPerUser), "name");
                view = new SavedView(me, name, filter, now);
                db.SavedViews.Add(view);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Saved twice at once under one name: the unique index keeps one, and this one says so.
                throw new ConflictException(Texts.SavedViewNameTaken);
            }
            return new ListSavedViews.Item(view.Id, view.Name, view.Query);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/saved-views", async (HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var command = await JsonRequest.ReadAsync<Command>(http, 4096, ct);
                var view = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/saved-views/{view.Id}", view);
            })
            .Accepts<Command>("application/json").ProducesValidationProblem()
            .WithName(nameof(SaveView)).WithSummary("Save the queue's filters under a name").WithTags("Saved views");
}
