using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>Puts a submitted entry on the shortlist (最終審査) or takes it off (admins, after judging closes); a change is on the entry's timeline.</summary>
public static class ShortlistAwardEntry
{
    public sealed record Body(bool? Shortlisted);

    public sealed record Response(Guid EntryId, bool Shortlisted);

    public sealed record Command(Guid EntryId, bool? Shortlisted) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Shortlisted).NotNull();
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var entry = await db.AwardEntries.SingleOrDefaultAsync(e => e.Id == command.EntryId, cancellationToken) ?? throw new NotFoundException("Award entry");
            var round = await db.AwardRounds.AsNoTracking().SingleAsync(r => r.Id == entry.RoundId, cancellationToken);
            if (!round.IsJudgingClosed(now)) throw new AwardRuleException(AwardRule.JudgingStillOpen);
            if (entry.Status != AwardEntryStatus.Submitted) throw new ConflictException(Texts.AwardResult_ShortlistNotSubmitted);
            var shortlisted = command.Shortlisted!.Value;
            if (entry.Shortlisted == shortlisted) return new Response(entry.Id, shortlisted);
            entry.SetShortlisted(shortlisted, now);
            db.AwardEvents.Add(AwardEvent.Create(entry.RoundId, entry.Id, entry.CategoryId, shortlisted ? "shortlisted" : "unshortlisted", now, user.RequiredId()));
            await db.SaveChangesAsync(cancellationToken);
            return new Response(entry.Id, shortlisted);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/award/entries/{id:guid}/shortlist", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 4 * 1024, ct);
                return TypedResults.Ok(await sender.Send(new Command(id, body.Shortlisted), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(ShortlistAwardEntry))
            .WithSummary("Put an entry on the shortlist or take it off")
            .WithDescription("Admins, after judging closes; submitted entries only. Body {\"shortlisted\": true|false}. Each change is a shortlisted/unshortlisted event on the entry's timeline.")
            .WithTags("Award");
}
