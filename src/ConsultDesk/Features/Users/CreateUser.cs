using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Users;

public static class CreateUser
{
    public sealed record Command(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles)
        : ICommand<UserModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Domain.Users.Roles.Admins;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Required(() => Texts.FieldEmail).SingleLine(254, () => Texts.FieldEmail)
                .Must(e => e is null || EmailAddress.IsValid(e)).WithMessage(_ => Texts.Email);
            RuleFor(c => c.DisplayName).Required(() => Texts.FieldDisplayName).SingleLine(100, () => Texts.FieldDisplayName);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => string.Format(Texts.Required, Texts.FieldPassword));
            RuleFor(c => c.Roles).NotEmpty().WithMessage(_ => Texts.RolesRequired);
            RuleForEach(c => c.Roles).Must(r => Domain.Users.Roles.All.Contains(r)).WithMessage(_ => Texts.RoleUnknown);
        }
    }

    public sealed class Handler(UserManager<User> users, AccountAudit audit, ICurrentUser currentUser, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, UserModel>
    {
        public async ValueTask<UserModel> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await users.FindByEmailAsync(command.Email!) is not null) throw new ConflictException(Texts.UserExists);
            var user = new User
            {
                Id = Guid.CreateVersion7(),
                Email = command.Email,
                UserName = command.Email,
                DisplayName = command.DisplayName!.Trim(),
                EmailConfirmed = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, command.Password!);
            // Identity checks the password policy; its complaints are field errors on "password".
            if (!created.Succeeded)
                throw new ValidationException(created.Errors.Select(e => new ValidationFailure(nameof(Command.Password), e.Description)));
            var roles = command.Roles!.Distinct().ToList();
            var added = await users.AddToRolesAsync(user, roles);
            if (!added.Succeeded) throw new InvalidOperationException("Could not add roles to a new user.");
            await audit.RecordAsync(AccountEventKinds.Created, currentUser.Id, user.Id, cancellationToken);
            logger.LogInformation("User {UserId} created with roles {Roles}", user.Id, string.Join(",", roles));
            return new UserModel(user.Id, user.Email!, user.DisplayName, roles, false);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var user = await sender.Send(await JsonRequest.ReadAsync<Command>(http, 4096, cancellationToken), cancellationToken);
                return TypedResults.Created($"/api/v1/users/{user.Id}", user);
            })
            .Accepts<Command>("application/json")
            .Produces<UserModel>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(CreateUser)).WithSummary("Create a staff user (admins)").WithTags("Users");
}

public sealed record UserModel(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, bool Disabled = false);

