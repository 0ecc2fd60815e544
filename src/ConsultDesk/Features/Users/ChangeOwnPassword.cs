using ConsultDesk.Common;
using ConsultDesk.Common.Http;
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

/// <summary>
/// Every staff member changes their own password with the current one. The security stamp rotates, so every other
/// session and bearer token ends (the page signs its own browser in again; API clients sign in with the new password).
/// A wrong current password counts towards the lockout like a failed sign-in.
/// </summary>
public static class ChangeOwnPassword
{
    public sealed record Command(string? CurrentPassword, string? NewPassword) : ICommand<Unit>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.All;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage(_ => string.Format(Texts.Required, Texts.FieldCurrentPassword))
                .MaximumLength(256).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldCurrentPassword, 256));
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage(_ => string.Format(Texts.Required, Texts.FieldNewPassword))
                .MaximumLength(256).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldNewPassword, 256));
        }
    }

    public sealed class Handler(UserManager<User> users, ICurrentUser currentUser, AccountAudit audit, ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = currentUser.RequiredId();
            var user = await users.FindByIdAsync(id.ToString()) ?? throw new UnauthorizedAccessException();
            if (await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, command.CurrentPassword!))
            {
                await users.AccessFailedAsync(user);
                logger.LogInformation("Password change refused for user {UserId}: wrong current password", user.Id);
                throw new ValidationException([new ValidationFailure(nameof(Command.CurrentPassword), Texts.PasswordCurrentWrong)]);
            }
            var result = await users.ChangePasswordAsync(user, command.CurrentPassword!, command.NewPassword!);
            if (!result.Succeeded)
                throw new ValidationException(result.Errors.Select(e => new ValidationFailure(nameof(Command.NewPassword), e.Description)));
            await audit.RecordAsync(AccountEventKinds.PasswordChanged, user.Id, user.Id, cancellationToken);
            logger.LogInformation("User {UserId} changed their password", user.Id);
            return Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/me/password", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                await sender.Send(await JsonRequest.ReadAsync<Command>(http, 4096, cancellationToken), cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .Accepts<Command>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .WithName(nameof(ChangeOwnPassword)).WithSummary("Change your own password (every session and token of yours ends)").WithTags("Users");
}
