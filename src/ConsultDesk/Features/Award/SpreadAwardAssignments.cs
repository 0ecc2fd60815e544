using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// Spreads a category's submitted entries evenly over the chosen judges: each entry ends with
/// <c>judgesPerEntry</c> distinct judges (its existing assignments count), the chosen judges' loads in the category
/// differ by at most one where conflicts allow, and a judge who declared a conflict on an entry is never put back on it.
/// </summary>
public static class SpreadAwardAssignments
{
    public const int MaxJudges = 100;

    public sealed record Body(Guid? CategoryId, IReadOnlyList<Guid>? JudgeIds, int? JudgesPerEntry);

    public sealed record Command(Guid RoundId, Guid? CategoryId, IReadOnlyList<Guid>? JudgeIds, int? JudgesPerEntry) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    /// <param name="Created">The new assignments (entry, judge).</param>
    /// <param name="Loads">Each chosen judge's active assignments in the category afterwards.</param>
    /// <param name="Unfilled">Entries that could not reach <c>judgesPerEntry</c> judges (too few judges without a conflict).</param>
    public sealed record Response(IReadOnlyList<AssignAwardJudge.Response> Created, IReadOnlyDictionary<Guid, int> Loads, IReadOnlyList<Guid> Unfilled);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CategoryId).NotEmpty().WithMessage(_ => Texts.AwardJudging_CategoryRequired);
            RuleFor(c => c.JudgeIds).NotEmpty().WithMessage(_ => Texts.AwardJudging_JudgesRequired)
                .Must(ids => ids!.Count <= MaxJudges && ids.Distinct().Count() == ids.Count).WithMessage(_ => Texts.AwardJudging_JudgesRequired)
                .When(c => c.JudgeIds is { Count: > 0 });
            RuleFor(c => c.JudgesPerEntry).NotNull().WithMessage(_ => Texts.AwardJudging_PerEntryRange)
                .InclusiveBetween(1, MaxJudges).WithMessage(_ => Texts.AwardJudging_PerEntryRange);
            RuleFor(c => c.JudgesPerEntry).LessThanOrEqualTo(c => c.JudgeIds!.Count).WithMessage(_ => Texts.AwardJudging_PerEntryRange)
                .When(c => c.JudgeIds is { Count: > 0 } && c.JudgesPerEntry is not null);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.RequiredId();
            var round = await AwardJudgingAccess.RoundAsync(db, command.RoundId, cancellationToken);
            var category = round.Categories.SingleOrDefault(c => c.Id == command.CategoryId)
                ?? throw new ValidationException([new ValidationFailure("CategoryId", Texts.AwardJudging_CategoryRequired)]);
            var judges = command.JudgeIds!.ToList();
            using (await gate.EnterAsync(cancellationToken))
            {
                var valid = await AwardAssigning.JudgesAmongAsync(db, judges, cancellationToken);
                var failures = judges.Select((id, i) => (id, i)).Where(j => !valid.Contains(j.id))
                    .Select(j => new ValidationFailure($"JudgeIds[{j.i}]", Texts.AwardJudging_NotAJudge)).ToList();
                if (failures.Count > 0) throw new ValidationException(failures);
                AwardAssigning.RequireOpen(round, now);

                var entries = await db.AwardEntries.AsNoTracking()
                    .Where(e => e.RoundId == round.Id && e.CategoryId == category.Id && e.Status == AwardEntryStatus.Submitted)
                    .OrderBy(e => e.SubmittedAt).ThenBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
                var existing = await db.AwardAssignments.AsNoTracking()
                    .Where(a => a.RoundId == round.Id && entries.Contains(a.EntryId)).ToListAsync(cancellationToken);

                var plan = Plan(entries, judges, command.JudgesPerEntry!.Value,
                    existing.Select(a => new Existing(a.EntryId, a.JudgeId, a.IsActive)).ToList());
                var created = new List<AssignAwardJudge.Response>();
                foreach (var (entryId, judgeId) in plan.Created)
                {
                    var assignment = AwardAssignment.Create(round.Id, entryId, judgeId, actor, now);
                    db.AwardAssignments.Add(assignment);
                    db.AwardEvents.Add(AwardAssigning.Assigned(assignment, actor, now, "spread"));
                    created.Add(new AssignAwardJudge.Response(assignment.Id, entryId, judgeId, Domain.Wire.Name(assignment.Conflict), now));
                }
                await db.SaveChangesAsync(cancellationToken);
                return new Response(created, plan.Loads, plan.Unfilled);
            }
        }
    }

    public sealed record Existing(Guid EntryId, Guid JudgeId, bool Active);

    public sealed record Result(IReadOnlyList<(Guid EntryId, Guid JudgeId)> Created, IReadOnlyDictionary<Guid, int> Loads, IReadOnlyList<Guid> Unfilled);

    /// <summary>
    /// The spread itself, pure: slot by slot (every entry's first missing judge, then every entry's second…), the
    /// most constrained entry first, each slot to the least-loaded chosen judge who is not on the entry yet and never
    /// declared a conflict on it (a removed assignment's row stays, so that judge is skipped). Ties go to the judge
    /// listed first, so the same input gives the same plan.
    /// </summary>
    public static Result Plan(IReadOnlyList<Guid> entries, IReadOnlyList<Guid> judges, int judgesPerEntry, IReadOnlyList<Existing> existing)
    {
        var onEntry = entries.ToDictionary(e => e, e => existing.Where(a => a.EntryId == e).Select(a => a.JudgeId).ToHashSet());
        var activeCount = entries.ToDictionary(e => e, e => existing.Count(a => a.EntryId == e && a.Active));
        var load = judges.ToDictionary(j => j, j => existing.Count(a => a.JudgeId == j && a.Active && onEntry.ContainsKey(a.EntryId)));
        var order = judges.Select((j, i) => (j, i)).ToDictionary(x => x.j, x => x.i);
        var created = new List<(Guid, Guid)>();
        var unfilled = new HashSet<Guid>();
        for (var slot = 1; slot <= judgesPerEntry; slot++)
        {
            var needing = entries.Where(e => activeCount[e] < slot && !unfilled.Contains(e))
                .OrderBy(e => judges.Count(j => !onEntry[e].Contains(j))).ThenBy(e => activeCount[e]).ToList();
            foreach (var entry in needing)
            {
                var candidate = judges.Where(j => !onEntry[entry].Contains(j)).OrderBy(j => load[j]).ThenBy(j => order[j]).Cast<Guid?>().FirstOrDefault();
                if (candidate is not { } judge)
                {
                    unfilled.Add(entry);
                    continue;
                }
                created.Add((entry, judge));
                onEntry[entry].Add(judge);
                activeCount[entry]++;
                load[judge]++;
            }
        }
        return new Result(created, load, entries.Where(unfilled.Contains).ToList());
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/award/rounds/{id:guid}/assignments/spread", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await Common.Http.JsonRequest.ReadAsync<Body>(http, 16 * 1024, ct);
                return TypedResults.Ok(await sender.Send(new Command(id, body.CategoryId, body.JudgeIds, body.JudgesPerEntry), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(SpreadAwardAssignments)).WithSummary("Spread a category's entries evenly over the chosen judges").WithTags("Award");
}
