using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Award;

/// <summary>
/// Replaces a round's settings (admins) until its entry window opens; after that every change is a 409
/// (<see cref="AwardRule.RoundLocked"/>). Categories or criteria left out are kept. With If-Match (or the version the
/// editor read) a round changed meanwhile is a 412.
/// </summary>
public static class UpdateAwardRound
{
    public sealed record Command(Guid Id, AwardRoundInput Round) : ICommand<AwardRoundModel>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Validator() : AwardRoundCommandValidator<Command>(c => c.Round);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, AwardRoundModel>
    {
        public async ValueTask<AwardRoundModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Round;
            var now = clock.GetUtcNow().UtcDateTime;
            AwardRound round;
            using (await gate.EnterAsync(cancellationToken))
            {
                round = await AwardRoundAccess.LoadAsync(db, command.Id, tracking: true, cancellationToken);
                // A locked round is refused as such, whatever version the client holds.
                round.RequireUnlocked(now);
                if (command.ExpectedVersion is { } expected && expected != round.Version) throw new PreconditionFailedException();
                if (input.Year!.Value != round.Year)
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(AwardRoundInput.Year), Resources.Texts.AwardAdmin_YearFixed)]);
                round.Update(input.Title!, input.Windows(), input.Mode!.Value, input.Aggregation!.Value, input.ScaleMin ?? round.ScaleMin,
                    input.ScaleMax ?? round.ScaleMax, now);
                if (input.Categories is not null || input.Criteria is not null)
                {
                    // Before the window opens no entry or score refers to them, so they are replaced whole.
                    var categories = input.Categories is null ? round.Categories.ToList() : input.CategoriesOf(round.Id).ToList();
                    var criteria = input.Criteria is null ? round.Criteria.ToList() : input.CriteriaOf(round.Id).ToList();
                    if (input.Categories is not null) db.AwardCategories.RemoveRange(round.Categories);
                    if (input.Criteria is not null) db.AwardCriteria.RemoveRange(round.Criteria);
                    round.ReplaceCategoriesAndCriteria(categories, criteria, now);
                }
                db.AwardEvents.Add(AwardEvent.Create(round.Id, null, null, "round-changed", now, user.RequiredId(), new { round.Version }));
                await db.SaveChangesAsync(cancellationToken);
            }
            logger.LogInformation("Award round {RoundId} changed by {UserId} (version {Version})", round.Id, user.Id, round.Version);
            return AwardRoundModel.Of(round, now);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/award/rounds/{id:guid}", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<AwardRoundInput>(http, JsonRequest.DefaultMaxBytes, ct);
                var round = await sender.Send(new Command(id, body) { ExpectedVersion = Cases.CaseAccess.ExpectedVersion(http.Request) }, ct);
                Cases.CaseAccess.SetETag(http.Response, round.Version);
                return TypedResults.Ok(round);
            })
            .Accepts<AwardRoundInput>("application/json")
            .Produces<AwardRoundModel>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(UpdateAwardRound)).WithSummary("Change an award round's settings until its entry window opens (admins)").WithTags("Award");
}
