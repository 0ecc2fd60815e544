using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Auth;

/// <summary>API sign-in: a correct password gives a bearer token; repeated failures lock the account for a while.</summary>
public static class Login
{
    /// <summary>With two-factor sign-in on, <see cref="TwoFactorCode"/> (from the app) or a <see cref="RecoveryCode"/> is needed too.</summary>
    public sealed record Command(string? Email, string? Password, string? TwoFactorCode = null, string? RecoveryCode = null) : ICommand<Response>, IPublicMessage;

    public sealed record Response(string AccessToken, DateTimeOffset ExpiresAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Required(() => Texts.FieldEmail).SingleLine(254, () => Texts.FieldEmail);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => string.Format(Texts.Required, Texts.FieldPassword))
                .MaximumLength(256).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldPassword, 256));
            RuleFor(c => c.TwoFactorCode).MaximumLength(16).WithMessage(_ => Texts.TwoFactorCodeWrong);
            RuleFor(c => c.RecoveryCode).MaximumLength(32).WithMessage(_ => Texts.TwoFactorCodeWrong);
        }
    }

    public sealed class Handler(
        UserManager<User> users,
        SignInManager<User> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer,
        ConsultDesk.Features.Users.AccountAudit audit,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByEmailAsync(command.Email!);
            if (user is null)
            {
                await audit.RecordAsync(AccountEventKinds.SignInFailed, null, null, cancellationToken);
                throw new SignInFailedException();
            }
            // A disabled account is refused here too (StaffSignInManager), with the same answer as a wrong password.
            var result = await signIn.CheckPasswordSignInAsync(user, command.Password!, lockoutOnFailure: true);
            if (!result.Succeeded)
            {
                logger.LogInformation("Sign-in refused for user {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
                await audit.RecordAsync(result.IsLockedOut ? AccountEventKinds.LockedOut : AccountEventKinds.SignInFailed, null, user.Id, cancellationToken);
                throw new SignInFailedException();
            }

            // CheckPasswordSignInAsync checks the password only: the second factor is checked here.
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                var passed = command.TwoFactorCode is { Length: > 0 } code
                    ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal))
                    : command.RecoveryCode is { Length: > 0 } recovery && (await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery.Trim())).Succeeded;
                if (!passed)
                {
                    if (command.TwoFactorCode is { Length: > 0 } || command.RecoveryCode is { Length: > 0 })
                    {
                        await users.AccessFailedAsync(user);
                        await audit.RecordAsync(AccountEventKinds.SignInFailed, null, user.Id, cancellationToken);
                    }
                    throw new TwoFactorRequiredException();
                }
            }

            var options = bearer.Get(IdentityConstants.BearerScheme);
            var expiresAt = clock.GetUtcNow() + options.BearerTokenExpiration;
            var principal = await signIn.CreateUserPrincipalAsync(user);
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
            await audit.RecordAsync(AccountEventKinds.SignedIn, user.Id, user.Id, cancellationToken);
            logger.LogInformation("User {UserId} signed in to the API", user.Id);
            return new Response(options.BearerTokenProtector.Protect(ticket), expiresAt);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/login", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(await JsonRequest.ReadAsync<Command>(http, 4096, cancellationToken), cancellationToken)))
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .Accepts<Command>("application/json")
            .Produces<Response>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName(nameof(Login)).WithSummary("Get a bearer token").WithTags("Auth");
}

/// <summary>Wrong address, wrong password or locked out: the answer is the same, so it tells an attacker nothing.</summary>
public sealed class SignInFailedException() : Exception("Sign-in failed.");

/// <summary>The password was right but the account has two-factor sign-in on, and no valid code came with it.</summary>
public sealed class TwoFactorRequiredException() : Exception("A two-factor code is required.");
