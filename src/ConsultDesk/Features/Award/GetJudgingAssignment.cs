using ConsultDesk.Common;
using ConsultDesk.Data;
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
/// One of the judge's own assignments (anyone else's is a 404). Until the judge declares no conflict of interest
/// only the entry's title and category are given; then the entry itself — in blind mode without the organisation's
/// or any municipality's name or code, the partner's declaration number or the attachments' file names — and the
/// judge's own scores. Never another judge's score, never a total.
/// </summary>
public static class GetJudgingAssignment
{
    public sealed record Query(Guid Id) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => [Roles.Judge];
    }

    /// <param name="Entry">Null until the judge has declared no conflict.</param>
    public sealed record Model(Guid Id, string Conflict, string Title, CategoryInfo Category, RoundInfo Round, IReadOnlyList<CriterionInfo> Criteria,
        EntryView? Entry, IReadOnlyList<OwnScore> Scores);

    public sealed record CategoryInfo(string Code, string Name);

    /// <param name="Mode">blind or open.</param>
    /// <param name="CanScore">The judging window is open and the judge has declared no conflict.</param>
    public sealed record RoundInfo(Guid Id, int Year, string Title, string Mode, int ScaleMin, int ScaleMax, DateTime JudgingOpensAt, DateTime JudgingClosesAt,
        bool JudgingOpen, bool CanDeclare, bool CanScore);

    public sealed record CriterionInfo(string Code, string Name, decimal Weight);

    /// <param name="OrganizationName">Open mode only (null in blind mode).</param>
    /// <param name="MunicipalityName">The entrant or partner municipality's name, open mode only.</param>
    /// <param name="PartnerDeclarationNumber">A municipality's partner organisation's Action宣言 number, open mode only.</param>
    public sealed record EntryView(DateOnly PeriodStart, DateOnly? PeriodEnd, IReadOnlyList<Answer> Answers, string Outcomes,
        string? OrganizationName, string? MunicipalityName, int? PartnerDeclarationNumber, IReadOnlyList<AttachmentView> Attachments);

    public sealed record Answer(string Criterion, string Name, string Text);

    /// <param name="FileName">In blind mode attachment-{n}.{ext}, never the entrant's file name.</param>
    public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string Url);

    public sealed record OwnScore(string Criterion, int Value, string? Comment, int Confidence, DateTime UpdatedAt);

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, LocalGovernmentDirectory municipalities, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var assignment = await AwardJudgingAccess.OwnAssignmentAsync(db, user, query.Id, cancellationToken);
            // A declared conflict removed the assignment: the judge no longer reaches it.
            if (!assignment.IsActive) throw new NotFoundException("Assignment");
            return await ViewAsync(db, municipalities, assignment, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    /// <summary>The judge's view of an assignment (also what saving scores answers with). Every name filter is here.</summary>
    public static async Task<Model> ViewAsync(ConsultDeskDbContext db, LocalGovernmentDirectory municipalities, AwardAssignment assignment, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var english = AwardJudgingAccess.English;
        var round = await AwardJudgingAccess.RoundAsync(db, assignment.RoundId, cancellationToken);
        var entry = await db.AwardEntries.AsNoTracking().SingleAsync(e => e.Id == assignment.EntryId, cancellationToken);
        // An entry withdrawn after it was assigned is no longer judged.
        if (entry.Status != AwardEntryStatus.Submitted) throw new NotFoundException("Entry");
        var category = round.Categories.Single(c => c.Id == entry.CategoryId);
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        var judgingOpen = round.IsJudgingOpen(nowUtc);
        var roundInfo = new RoundInfo(round.Id, round.Year, round.Title, Domain.Wire.Name(round.Mode), round.ScaleMin, round.ScaleMax,
            round.JudgingOpensAt, round.JudgingClosesAt, judgingOpen,
            CanDeclare: assignment.Conflict == ConflictStatus.Pending && !round.IsJudgingClosed(nowUtc),
            CanScore: assignment.CanSeeEntry && judgingOpen);
        var criterionInfos = criteria.Select(c => new CriterionInfo(c.Code, c.Name(english), c.Weight)).ToList();
        var categoryInfo = new CategoryInfo(category.Code, category.Name(english));
        if (!assignment.CanSeeEntry)
            return new Model(assignment.Id, Domain.Wire.Name(assignment.Conflict), entry.Title, categoryInfo, roundInfo, criterionInfos, null, []);

        var blind = round.Mode == JudgingMode.Blind;
        var answers = entry.ReadAnswers();
        var attachments = await db.AwardAttachments.AsNoTracking().Where(a => a.EntryId == entry.Id).OrderBy(a => a.Position).ToListAsync(cancellationToken);
        var municipalityCode = entry.EntrantMunicipalityCode ?? entry.PartnerMunicipalityCode;
        var view = new EntryView(entry.PeriodStart, entry.PeriodEnd,
            criteria.Select(c => new Answer(c.Code, c.Name(english), answers.GetValueOrDefault(c.Code, ""))).ToList(),
            entry.Outcomes,
            blind ? null : entry.OrganizationName,
            blind || municipalityCode is null ? null : municipalities.Find(municipalityCode)?.Name ?? municipalityCode,
            blind ? null : entry.PartnerDeclarationNumber,
            attachments.Select(a => new AttachmentView(a.Id,
                blind ? a.BlindFileName(AwardJudgingAccess.Extension(a.ContentType)) : a.FileName,
                a.ContentType, a.Size, $"/desk/award/attachments/{a.Id}")).ToList());
        var criterionCodes = criteria.ToDictionary(c => c.Id, c => c.Code);
        var scores = await db.AwardScores.AsNoTracking().Where(s => s.AssignmentId == assignment.Id && s.JudgeId == assignment.JudgeId).ToListAsync(cancellationToken);
        var own = scores.Where(s => criterionCodes.ContainsKey(s.CriterionId))
            .OrderBy(s => criteria.FindIndex(c => c.Id == s.CriterionId))
            .Select(s => new OwnScore(criterionCodes[s.CriterionId], s.Value, s.Comment, s.Confidence, s.UpdatedAt)).ToList();
        return new Model(assignment.Id, Domain.Wire.Name(assignment.Conflict), entry.Title, categoryInfo, roundInfo, criterionInfos, view, own);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/judging/assignments/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetJudgingAssignment)).WithSummary("One of the judge's assignments (the entry only after declaring no conflict)").WithTags("Award judging");
}
