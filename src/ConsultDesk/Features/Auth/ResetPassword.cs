using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Users;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Auth;

/// <summary>
/// The page behind a reset link sets a new password. The link works once (claimed by a conditional update, so two
/// uses at the same moment cannot both pass) and until it expires; a completed reset uses up the user's other links,
/// lifts a lockout and rotates the security stamp, so every earlier session ends.
/// </summary>
public static class ResetPassword
{
    public sealed record Command(string? Token, string? NewPassword) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().WithMessage(_ => Texts.PasswordResetLinkInvalid);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage(_ => string.Format(Texts.Required, Texts.FieldNewPassword))
                .MaximumLength(256).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldNewPassword, 256));
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, UserManager<User> users, AccountAudit audit, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (PasswordResetToken.HashOrNull(command.Token) is not { } hash) throw InvalidLink();
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var link = await db.PasswordResetTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
                if (link is null || !link.IsUsable(now)) throw InvalidLink();
                var user = await db.Users.SingleOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
                if (user is null || user.IsDisabled) throw InvalidLink();

                // Identity checks the password policy, stores the hash and rotates the stamp; its own token is only the way in.
                user.LockoutEnd = null;
                user.AccessFailedCount = 0;
                var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), command.NewPassword!);
                if (!result.Succeeded)
                    throw new ValidationException(result.Errors.Select(e => new ValidationFailure(nameof(Command.NewPassword), e.Description)));
                var claimed = await db.PasswordResetTokens.Where(t => t.Id == link.Id && t.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
                if (claimed == 0) throw InvalidLink();
                await db.PasswordResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
                audit.Add(AccountEventKinds.PasswordResetCompleted, user.Id, user.Id);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Password of user {UserId} reset with a mailed link", user.Id);
            }
            return Unit.Value;
        }

        private static ValidationException InvalidLink() => new([new ValidationFailure(nameof(Command.Token), Texts.PasswordResetLinkInvalid)]);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/password-reset/complete", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                await sender.Send(await JsonRequest.ReadAsync<Command>(http, 4096, cancellationToken), cancellationToken);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .Accepts<Command>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .WithName(nameof(ResetPassword)).WithSummary("Set a new password with a one-time reset link's token").WithTags("Auth");
}
