using System.Text;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Auth;

/// <summary>
/// "Forgot password": a staff member asks for a reset link with their address. An enabled account gets a one-time
/// link by mail; the answer is the same whether the address has an account or not, and requests are limited per
/// client address (rate limiter) and per account (<see cref="MailsPerUserPerHour"/>).
/// </summary>
public static class RequestPasswordReset
{
    public const int MailsPerUserPerHour = 3;

    public sealed record Command(string? Email) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Email).Required(() => Texts.FieldEmail).SingleLine(254, () => Texts.FieldEmail);
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, UserManager<User> users, AccountAudit audit, PasswordResetMail mail,
        TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await users.FindByEmailAsync(command.Email!.Normalize(NormalizationForm.FormKC).Trim());
            if (user is null || user.IsDisabled)
            {
                logger.LogInformation("Password reset request matched no enabled account");
                return Unit.Value;
            }
            var since = now.AddHours(-1);
            if (await db.PasswordResetTokens.CountAsync(t => t.UserId == user.Id && t.CreatedAt > since, cancellationToken) >= MailsPerUserPerHour)
            {
                logger.LogWarning("Password reset request for user {UserId} dropped: too many links in the last hour", user.Id);
                return Unit.Value;
            }
            var queued = mail.Queue(user, now);
            audit.Add(AccountEventKinds.PasswordResetRequested, null, user.Id);
            await gate.SaveChangesAsync(db, cancellationToken);
            logger.LogInformation("Password reset mail {OutboxMailId} queued for user {UserId} on request", queued.Id, user.Id);
            return Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/password-reset", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                await sender.Send(await JsonRequest.ReadAsync<Command>(http, 4096, cancellationToken), cancellationToken);
                return TypedResults.Accepted((string?)null);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PasswordReset)
            .Accepts<Command>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(RequestPasswordReset)).WithSummary("Forgot password: mail a reset link if the address has an account (same answer either way)").WithTags("Auth");
}
