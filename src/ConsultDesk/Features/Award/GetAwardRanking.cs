using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The ranking of a round, per category (admins and managers, once the judging window has closed; before that a 409
/// <see cref="AwardRule.JudgingStillOpen"/>, so no total leaks while judges still score). Only submitted entries are
/// ranked, by <see cref="AwardRanking.Rank"/> with the round's weights and aggregation; equal totals share a rank
/// and are marked tied. The scores of the whole round are read in one query.
/// </summary>
public static class GetAwardRanking
{
    public sealed record Query(Guid RoundId) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Model(Guid RoundId, int Year, string Title, ScoreAggregation Aggregation, DateTime JudgingClosesAt, DateTime PublishAt, bool Published,
        IReadOnlyList<CriterionModel> Criteria, IReadOnlyList<CategoryModel> Categories);

    public sealed record CriterionModel(Guid Id, string Code, string NameJa, string NameEn, decimal Weight)
    {
        public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;
    }

    /// <summary>A category's ranked entries and its current decision (null when none is taken or the last was reopened).</summary>
    public sealed record CategoryModel(Guid Id, string Code, string NameJa, string NameEn, bool ForPartnerMunicipality, IReadOnlyList<Row> Entries,
        Guid? CurrentDecisionId)
    {
        public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;
    }

    /// <summary>
    /// One ranked entry. <see cref="Rank"/> and <see cref="Total"/> are null when no judge has scored every criterion.
    /// <see cref="ByCriterion"/> is keyed by criterion code. <see cref="PartnerEntries"/>: for a 連携パートナー賞 entry,
    /// the organisations' entries of the round that name its municipality as partner.
    /// </summary>
    public sealed record Row(Guid EntryId, string Title, string OrganizationName, AwardEntrantKind EntrantKind, string? MunicipalityCode, string? MunicipalityName,
        int? Rank, decimal? Total, bool Tied, int JudgeCount, IReadOnlyDictionary<string, decimal> ByCriterion, bool Shortlisted, bool Winner,
        IReadOnlyList<PartnerEntry> PartnerEntries);

    public sealed record PartnerEntry(Guid EntryId, string OrganizationName, string Title);

    public sealed class Handler(ConsultDeskDbContext db, LocalGovernmentDirectory localGovernments, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var round = await db.AwardRounds.AsNoTracking().Include(r => r.Categories).Include(r => r.Criteria)
                .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == query.RoundId, cancellationToken)
                ?? throw new NotFoundException("Award round");
            var now = clock.GetUtcNow().UtcDateTime;
            if (!round.IsJudgingClosed(now)) throw new AwardRuleException(AwardRule.JudgingStillOpen);

            var entries = await AwardResultsData.SubmittedEntriesAsync(db, round.Id, cancellationToken);
            // Every score of the round's submitted entries in one query; a judge whose assignment ended in a declared
            // conflict never counts.
            var scores = await db.AwardScores.AsNoTracking()
                .Where(s => db.AwardEntries.Any(e => e.Id == s.EntryId && e.RoundId == round.Id && e.Status == AwardEntryStatus.Submitted)
                    && db.AwardAssignments.Any(a => a.Id == s.AssignmentId && a.Conflict != ConflictStatus.Conflict))
                .Select(s => new JudgeScore(s.EntryId, s.JudgeId, s.CriterionId, s.Value))
                .ToListAsync(cancellationToken);
            var decisions = await db.AwardDecisions.AsNoTracking()
                .Where(d => d.RoundId == round.Id && d.ReopenedAt == null)
                .ToListAsync(cancellationToken);
            var winners = decisions.SelectMany(d => d.ReadWinners()).ToHashSet();

            var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
            var weights = criteria.Select(c => (c.Id, c.Weight)).ToList();
            var codeOf = criteria.ToDictionary(c => c.Id, c => c.Code);
            var scoresByEntry = scores.ToLookup(s => s.EntryId);
            var byId = entries.ToDictionary(e => e.Id);

            var categories = new List<CategoryModel>();
            foreach (var category in round.Categories.OrderBy(c => c.Order))
            {
                var inCategory = entries.Where(e => e.CategoryId == category.Id).ToList();
                var ranked = AwardRanking.Rank(inCategory.Select(e => e.Id), weights,
                    inCategory.SelectMany(e => scoresByEntry[e.Id]), round.Aggregation);
                var rows = ranked.Select(r =>
                {
                    var entry = byId[r.EntryId];
                    var municipality = entry.EntrantMunicipalityCode ?? entry.PartnerMunicipalityCode;
                    return new Row(entry.Id, entry.Title, entry.OrganizationName, entry.EntrantKind, municipality,
                        municipality is null ? null : localGovernments.Find(municipality)?.Name,
                        r.Rank, r.Total, r.Tied, r.JudgeCount, r.ByCriterion.ToDictionary(p => codeOf[p.Key], p => p.Value, StringComparer.Ordinal),
                        entry.Shortlisted, winners.Contains(entry.Id),
                        category.ForPartnerMunicipality ? AwardResultsData.PartnerEntries(entries, entry) : []);
                }).ToList();
                categories.Add(new CategoryModel(category.Id, category.Code, category.NameJa, category.NameEn, category.ForPartnerMunicipality, rows,
                    decisions.FirstOrDefault(d => d.CategoryId == category.Id)?.Id));
            }
            return new Model(round.Id, round.Year, round.Title, round.Aggregation, round.JudgingClosesAt, round.PublishAt, round.IsPublished(now),
                [.. criteria.Select(c => new CriterionModel(c.Id, c.Code, c.NameJa, c.NameEn, c.Weight))], categories);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/rounds/{id:guid}/ranking", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(id), ct);
                return TypedResults.Ok(new
                {
                    roundId = model.RoundId,
                    model.Year,
                    model.Title,
                    aggregation = Wire.Name(model.Aggregation),
                    criteria = model.Criteria.Select(c => new { c.Code, c.NameJa, c.NameEn, c.Weight }),
                    categories = model.Categories.Select(c => new
                    {
                        categoryId = c.Id,
                        c.Code,
                        c.NameJa,
                        c.NameEn,
                        c.ForPartnerMunicipality,
                        currentDecisionId = c.CurrentDecisionId,
                        entries = c.Entries.Select(r => new
                        {
                            entryId = r.EntryId,
                            r.Rank,
                            r.Total,
                            r.Tied,
                            r.JudgeCount,
                            r.ByCriterion,
                            r.Title,
                            r.OrganizationName,
                            entrantKind = Wire.Name(r.EntrantKind),
                            r.MunicipalityCode,
                            r.MunicipalityName,
                            r.Shortlisted,
                            r.Winner,
                            r.PartnerEntries,
                        }),
                    }),
                });
            })
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(GetAwardRanking))
            .WithSummary("The ranking of a round per category (after judging closes)")
            .WithDescription("Admins and managers. Per category, the submitted entries by rank (ties share a rank and are marked tied), the weighted total (mean or median of the judges' weighted totals, 3 decimals), the judge count and the per-criterion aggregate by criterion code. 409 award-judging-still-open while the judging window is open.")
            .WithTags("Award");
}

/// <summary>What the ranking, the decisions and the public results read of a round's entries.</summary>
public static class AwardResultsData
{
    public sealed record EntryRow(Guid Id, Guid CategoryId, Guid DeclarationId, string Title, string OrganizationName, AwardEntrantKind EntrantKind,
        string? EntrantMunicipalityCode, string? PartnerMunicipalityCode, bool Shortlisted);

    public static Task<List<EntryRow>> SubmittedEntriesAsync(ConsultDeskDbContext db, Guid roundId, CancellationToken cancellationToken) =>
        db.AwardEntries.AsNoTracking()
            .Where(e => e.RoundId == roundId && e.Status == AwardEntryStatus.Submitted)
            .OrderBy(e => e.Id)
            .Select(e => new EntryRow(e.Id, e.CategoryId, e.DeclarationId, e.Title, e.OrganizationName, e.EntrantKind,
                e.EntrantMunicipalityCode, e.PartnerMunicipalityCode, e.Shortlisted))
            .ToListAsync(cancellationToken);

    /// <summary>For a municipality's 連携パートナー賞 entry: the organisations' submitted entries naming it as partner.</summary>
    public static IReadOnlyList<GetAwardRanking.PartnerEntry> PartnerEntries(IEnumerable<EntryRow> entries, EntryRow partnerEntry) =>
        partnerEntry.EntrantMunicipalityCode is not { } code ? []
        : [.. entries.Where(e => e.EntrantKind == AwardEntrantKind.Organization && e.PartnerMunicipalityCode == code)
            .Select(e => new GetAwardRanking.PartnerEntry(e.Id, e.OrganizationName, e.Title))];
}
