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
/// Optional TOTP two-factor sign-in for staff (any authenticator app), with ten one-time recovery codes. Each step
/// rotates the user's security stamp (Identity does), so API clients sign in again after it; the page re-signs its
/// own browser in.
/// </summary>
public static class SetUpTwoFactor
{
    /// <summary>Step 1: a fresh authenticator key to enter into the app (as text or the otpauth URI).</summary>
    public sealed record Command : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.All;
    }

    public sealed record Response(string SharedKey, string AuthenticatorUri);

    public sealed class Handler(UserManager<User> users, ICurrentUser currentUser) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(currentUser.RequiredId().ToString()) ?? throw new UnauthorizedAccessException();
            if (await users.GetTwoFactorEnabledAsync(user)) throw new ConflictException(Texts.TwoFactorAlreadyOn);
            await users.ResetAuthenticatorKeyAsync(user);
            var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was stored.");
            var uri = $"otpauth://totp/ConsultDesk:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=ConsultDesk&digits=6";
            return new Response(key, uri);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/me/two-factor/setup", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Command(), ct)))
            .Produces<Response>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(SetUpTwoFactor)).WithSummary("Two-factor step 1: a new authenticator key (your sessions end)").WithTags("Users");
}

public static class EnableTwoFactor
{
    /// <summary>Step 2: a code from the app proves it is set up; two-factor sign-in is then on, and recovery codes are shown once.</summary>
    public sealed record Command(string? Code) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.All;
    }

    public sealed record Response(IReadOnlyList<string> RecoveryCodes);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Code).NotEmpty().WithMessage(_ => Texts.TwoFactorCodeWrong).MaximumLength(16).WithMessage(_ => Texts.TwoFactorCodeWrong);
    }

    public sealed class Handler(UserManager<User> users, ICurrentUser currentUser, AccountAudit audit, ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(currentUser.RequiredId().ToString()) ?? throw new UnauthorizedAccessException();
            if (await users.GetTwoFactorEnabledAsync(user)) throw new ConflictException(Texts.TwoFactorAlreadyOn);
            var code = command.Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (await users.GetAuthenticatorKeyAsync(user) is null
                || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
                throw new ValidationException([new ValidationFailure(nameof(Command.Code), Texts.TwoFactorCodeWrong)]);
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
            await audit.RecordAsync(AccountEventKinds.TwoFactorEnabled, user.Id, user.Id, cancellationToken);
            logger.LogInformation("User {UserId} turned two-factor sign-in on", user.Id);
            return new Response(codes);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/me/two-factor", async (HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(await JsonRequest.ReadAsync<Command>(http, 1024, ct), ct)))
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .Accepts<Command>("application/json").Produces<Response>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(EnableTwoFactor)).WithSummary("Two-factor step 2: confirm with a code; returns recovery codes once (your sessions end)").WithTags("Users");
}

public static class DisableTwoFactor
{
    /// <summary>Turns two-factor sign-in off with the current password; the key and recovery codes are discarded.</summary>
    public sealed record Command(string? CurrentPassword) : ICommand<Unit>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.All;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage(_ => string.Format(Texts.Required, Texts.FieldCurrentPassword))
            .MaximumLength(256).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldCurrentPassword, 256));
    }

    public sealed class Handler(UserManager<User> users, ICurrentUser currentUser, AccountAudit audit, ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(currentUser.RequiredId().ToString()) ?? throw new UnauthorizedAccessException();
            if (await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, command.CurrentPassword!))
            {
                await users.AccessFailedAsync(user);
                throw new ValidationException([new ValidationFailure(nameof(Command.CurrentPassword), Texts.PasswordCurrentWrong)]);
            }
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await audit.RecordAsync(AccountEventKinds.TwoFactorDisabled, user.Id, user.Id, cancellationToken);
            logger.LogInformation("User {UserId} turned two-factor sign-in off", user.Id);
            return Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/me/two-factor/disable", async (HttpContext http, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(await JsonRequest.ReadAsync<Command>(http, 1024, ct), ct);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .Accepts<Command>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .WithName(nameof(DisableTwoFactor)).WithSummary("Turn two-factor sign-in off (current password required)").WithTags("Users");
}

public static class ResetTwoFactor
{
    /// <summary>An admin turns off two-factor sign-in for a user who lost their phone and recovery codes; their sessions end.</summary>
    public sealed record Command(Guid Id) : ICommand<Unit>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(UserManager<User> users, ICurrentUser currentUser, AccountAudit audit, ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = currentUser.RequiredId();
            var user = await users.FindByIdAsync(command.Id.ToString()) ?? throw new NotFoundException("User");
            if (!await users.GetTwoFactorEnabledAsync(user)) return Unit.Value;
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await audit.RecordAsync(AccountEventKinds.TwoFactorDisabled, actor, user.Id, cancellationToken);
            logger.LogInformation("Two-factor sign-in of user {UserId} turned off by {ActorId}", user.Id, actor);
            return Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/two-factor/reset", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ResetTwoFactor)).WithSummary("Turn off a user's two-factor sign-in (admins; lost phone and recovery codes)").WithTags("Users");
}
