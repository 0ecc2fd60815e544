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
/// A new round (admins). Without categories or criteria it starts with <see cref="AwardDefaults"/> (the three 部門,
/// 連携パートナー賞, four equally weighted criteria). One round per year (409). Written on the round's timeline.
/// </summary>
public static class CreateAwardRound
{
    public sealed record Command(AwardRoundInput Round) : ICommand<AwardRoundModel>, IRoleRestrictedMessage
    {
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
                await AwardRoundAccess.EnsureYearFreeAsync(db, input.Year!.Value, null, cancellationToken);
                round = AwardRound.Create(input.Year!.Value, input.Title!, input.Windows(), input.Mode!.Value, input.Aggregation!.Value, now,
                    input.ScaleMin ?? 1, input.ScaleMax ?? 5);
                if (input.Categories is not null || input.Criteria is not null)
                {
                    var categories = input.Categories is null ? [.. round.Categories] : input.CategoriesOf(round.Id).ToList();
                    var criteria = input.Criteria is null ? [.. round.Criteria] : input.CriteriaOf(round.Id).ToList();
                    round.Categories.Clear();
                    round.Categories.AddRange(categories);
                    round.Criteria.Clear();
                    round.Criteria.AddRange(criteria);
                }
                db.AwardRounds.Add(round);
                db.AwardEvents.Add(AwardEvent.Create(round.Id, null, null, "round-created", now, user.RequiredId(), new { round.Year, round.Title }));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another admin took the year between the check and the insert (the unique index).
                    db.ChangeTracker.Clear();
                    await AwardRoundAccess.EnsureYearFreeAsync(db, input.Year!.Value, null, cancellationToken);
                    throw;
                }
            }
            logger.LogInformation("Award round {RoundId} for {Year} created by {UserId}", round.Id, round.Year, user.Id);
            return AwardRoundModel.Of(round, now);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/award/rounds", async (HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<AwardRoundInput>(http, JsonRequest.DefaultMaxBytes, ct);
                var round = await sender.Send(new Command(body), ct);
                Cases.CaseAccess.SetETag(http.Response, round.Version);
                return TypedResults.Created($"/api/v1/award/rounds/{round.Id}", round);
            })
            .Accepts<AwardRoundInput>("application/json")
            .Produces<AwardRoundModel>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(CreateAwardRound)).WithSummary("Create an award round (admins)").WithTags("Award");
}
