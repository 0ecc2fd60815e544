using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Users;

/// <summary>
/// An admin sets a user's roles. The user's security stamp rotates, so their cookies and tokens end at once and the
/// next sign-in carries the new roles. The last active admin cannot lose the admin role.
/// </summary>
public static class ChangeUserRoles
{
    public sealed record Command(Guid Id, IReadOnlyList<string>? Roles) : ICommand<UserModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Domain.Users.Roles.Admins;
    }

    /// <summary>The JSON body of <c>PUT /api/v1/users/{id}/roles</c>.</summary>
    public sealed record Body(IReadOnlyList<string>? Roles);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Roles).NotEmpty().WithMessage(_ => Texts.RolesRequired);
            RuleForEach(c => c.Roles).Must(r => Domain.Users.Roles.All.Contains(r)).WithMessage(_ => Texts.RoleUnknown);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser currentUser, AccountAudit audit, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, UserModel>
    {
        public async ValueTask<UserModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = currentUser.RequiredId();
            var wanted = command.Roles!.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var user = await StaffAccounts.FindAsync(db, command.Id, cancellationToken);
                var roles = await db.Roles.Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
                var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(cancellationToken);
                var currentNames = current.Select(ur => roles.Single(r => r.Id == ur.RoleId).Name!).ToHashSet(StringComparer.Ordinal);
                if (currentNames.SetEquals(wanted))
                    return StaffAccounts.ToModel(user, [.. currentNames.Order(StringComparer.Ordinal)], clock.GetUtcNow());

                if (currentNames.Contains(Domain.Users.Roles.Admin) && !wanted.Contains(Domain.Users.Roles.Admin) && !user.IsDisabled
                    && !await StaffAccounts.AnotherActiveAdminAsync(db, user.Id, cancellationToken))
                    throw new ConflictException(Texts.UsersLastAdmin);

                db.UserRoles.RemoveRange(current.Where(ur => !wanted.Contains(roles.Single(r => r.Id == ur.RoleId).Name!)));
                foreach (var name in wanted.Where(n => !currentNames.Contains(n)))
                    db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles.Single(r => r.Name == name).Id });
                user.RotateSecurityStamp();
                audit.Add(AccountEventKinds.RolesChanged, actor, user.Id);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Roles of user {UserId} set to {Roles} by {ActorId}", user.Id, string.Join(",", wanted), actor);
                return StaffAccounts.ToModel(user, [.. wanted.Order(StringComparer.Ordinal)], clock.GetUtcNow());
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/users/{id:guid}/roles", async (Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 4096, cancellationToken);
                return TypedResults.Ok(await sender.Send(new Command(id, body.Roles), cancellationToken));
            })
            .Accepts<Body>("application/json")
            .Produces<UserModel>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(ChangeUserRoles)).WithSummary("Set a user's roles (admins); their sessions end").WithTags("Users");
}
