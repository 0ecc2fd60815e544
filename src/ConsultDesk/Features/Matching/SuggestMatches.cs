using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Matching;

/// <summary>
/// Published municipalities ranked for a company case, each criterion with its points and a line that says why
/// (see <see cref="MatchScoring"/> for the rules). Reads only the derived columns of published profiles in one
/// query, scores them all in memory and explains only the top <c>limit</c>.
/// </summary>
public static class SuggestMatches
{
    public sealed record Query(string Reference, int Limit = 20) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Model(string Reference, NeedsModel Needs, IReadOnlyList<Suggestion> Suggestions);

    /// <summary>The needs the scores were computed from; <c>Derived</c> when the case has no needs yet.</summary>
    public sealed record NeedsModel(bool Derived, IReadOnlyList<string> PreferredPrefectureCodes, IReadOnlyList<string> PreferredRegions,
        int? SeatsNeeded, int? BudgetPerSeatYen, string? Industry, IReadOnlyList<string> Priorities);

    public sealed record Suggestion(string Code, string Name, string PrefectureCode, string Prefecture, bool IsSample, double Total,
        IReadOnlyList<CriterionModel> Criteria);

    public sealed record CriterionModel(string Name, double Points, double Max, string ExplanationJa, string ExplanationEn);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, 100).WithMessage(_ => Texts.MatchLimitInvalid);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, IOptions<ConsultDeskOptions> options) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.Cases.AsNoTracking().Where(c => c.Reference == query.Reference)
                .Select(c => new { c.Id, c.InquirerType, c.PrefectureCode, c.Industry, c.Employees })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Case");
            if (@case.InquirerType != InquirerType.Company)
                throw new ConflictException(Texts.MatchNotCompanyCase, new Dictionary<string, object?> { ["inquirerType"] = Wire.Name(@case.InquirerType) });

            var stored = await db.CompanyNeeds.AsNoTracking().SingleOrDefaultAsync(n => n.CaseId == @case.Id, cancellationToken);
            var needs = stored is not null
                ? new MatchNeeds(stored.PreferredPrefectureCodes, stored.PreferredRegions, stored.SeatsNeeded, stored.BudgetPerSeatYen, stored.Industry, stored.Priorities)
                // No needs yet: what the inquiry told us (its prefecture and industry); seats and budget stay unknown.
                : new MatchNeeds([@case.PrefectureCode], [], null, null, @case.Industry, []);

            var settings = options.Value.Matching;
            var w = settings.Weights;
            var scoring = new MatchScoring(needs, w.Region, w.Capacity, w.Cost, w.Incentives, w.Industry, w.Access, settings.PriorityMultiplier);

            var candidates = await db.MunicipalityProfiles.AsNoTracking().Where(p => p.IsPublished)
                .Select(p => new MatchCandidate(p.Code, p.Name, p.PrefectureCode, p.Region, p.AvailableSeats, p.LowestMonthlyFeePerSeat,
                    p.ShortestTravelMinutesFromTokyo, p.IncentiveKinds, p.WelcomedIndustries, p.IsSample))
                .ToListAsync(cancellationToken);

            var top = Rank(scoring, candidates, query.Limit);
            var suggestions = top.Select(t => new Suggestion(
                    t.Candidate.Code, t.Candidate.Name, t.Candidate.PrefectureCode, Prefecture.Find(t.Candidate.PrefectureCode)?.Name ?? t.Candidate.PrefectureCode,
                    t.Candidate.IsSample, Math.Round(t.Total, 1),
                    scoring.Explain(t.Candidate).Select(s => new CriterionModel(s.Name, s.Points, s.Max, s.ExplanationJa, s.ExplanationEn)).ToList()))
                .ToList();

            return new Model(query.Reference,
                new NeedsModel(stored is null, needs.PreferredPrefectureCodes, needs.PreferredRegions, needs.SeatsNeeded, needs.BudgetPerSeatYen, needs.Industry, needs.Priorities),
                suggestions);
        }
    }

    /// <summary>Top <paramref name="limit"/> by total descending, then code: a bounded insertion into a small sorted list.</summary>
    public static List<(MatchCandidate Candidate, double Total)> Rank(MatchScoring scoring, IReadOnlyList<MatchCandidate> candidates, int limit)
    {
        var top = new List<(MatchCandidate Candidate, double Total)>(limit + 1);
        foreach (var candidate in candidates)
        {
            var total = scoring.Total(candidate);
            if (top.Count == limit && !Before(total, candidate.Code, top[^1])) continue;
            var at = top.Count;
            while (at > 0 && Before(total, candidate.Code, top[at - 1])) at--;
            top.Insert(at, (candidate, total));
            if (top.Count > limit) top.RemoveAt(top.Count - 1);
        }
        return top;
    }

    private static bool Before(double total, string code, (MatchCandidate Candidate, double Total) other) =>
        total > other.Total || (total == other.Total && string.CompareOrdinal(code, other.Candidate.Code) < 0);

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{reference}/match-suggestions", async (string reference, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var limit = new QueryParameters(request.Query).Limit(20, Texts.MatchLimitInvalid);
                return TypedResults.Ok(await sender.Send(new Query(reference, limit), ct));
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(SuggestMatches)).WithSummary("Municipalities ranked for a company case, with per-criterion points").WithTags("Matching");
}
