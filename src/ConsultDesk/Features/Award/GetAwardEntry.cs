using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// Everything of one entry for managers and admins: who entered with whom (names from the code master), the answers
/// per criterion in the round's order, outcomes, attachments (served at /desk/award/attachments/{id}) and the judges
/// assigned with their conflict declarations. The timeline is <see cref="GetAwardEntryTimeline"/>.
/// </summary>
public static class GetAwardEntry
{
    public sealed record Query(Guid Id) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Model(
        Guid Id, Guid RoundId, int RoundYear, string RoundTitle, Guid CategoryId, string CategoryCode, string CategoryNameJa, string CategoryNameEn,
        AwardEntryStatus Status, bool Shortlisted, int Version, string OrganizationName, Guid DeclarationId, int? DeclarationNumber,
        string? DeclarationNumberText, AwardEntrantKind EntrantKind, string? EntrantMunicipalityCode, string? EntrantMunicipalityName,
        string? PartnerMunicipalityCode, string? PartnerMunicipalityName, int? PartnerDeclarationNumber, string Title, DateOnly PeriodStart,
        DateOnly? PeriodEnd, IReadOnlyList<Answer> Answers, string Outcomes, IReadOnlyList<Attachment> Attachments, IReadOnlyList<Assignment> Assignments,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? WithdrawnAt);

    public sealed record Answer(string CriterionCode, string NameJa, string NameEn, decimal Weight, string Text);

    public sealed record Attachment(Guid Id, int Position, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt)
    {
        public string Url => $"/desk/award/attachments/{Id}";
    }

    public sealed record Assignment(Guid Id, Guid JudgeId, string? JudgeName, ConflictStatus Conflict, DateTimeOffset AssignedAt, DateTimeOffset? DeclaredAt);

    public sealed class Handler(ConsultDeskDbContext db, LocalGovernmentDirectory directory) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var e = await db.AwardEntries.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Award entry");
            var round = await AwardRoundAccess.LoadAsync(db, e.RoundId, tracking: false, cancellationToken);
            var category = round.Categories.Single(c => c.Id == e.CategoryId);
            var number = await db.Declarations.AsNoTracking().Where(d => d.Id == e.DeclarationId).Select(d => d.Number).SingleOrDefaultAsync(cancellationToken);
            var answers = e.ReadAnswers();
            var attachments = await db.AwardAttachments.AsNoTracking().Where(a => a.EntryId == e.Id).OrderBy(a => a.Position)
                .Select(a => new { a.Id, a.Position, a.FileName, a.ContentType, a.Size, a.UploadedAt }).ToListAsync(cancellationToken);
            var assignments = await db.AwardAssignments.AsNoTracking().Where(a => a.EntryId == e.Id).OrderBy(a => a.AssignedAt)
                .Select(a => new
                {
                    a.Id, a.JudgeId, a.Conflict, a.AssignedAt, a.DeclaredAt,
                    Name = db.Users.Where(u => u.Id == a.JudgeId).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);

            return new Model(e.Id, round.Id, round.Year, round.Title, category.Id, category.Code, category.NameJa, category.NameEn, e.Status, e.Shortlisted,
                e.Version, e.OrganizationName, e.DeclarationId, number, number is { } n ? Declaration.FormatNumber(n) : null, e.EntrantKind,
                e.EntrantMunicipalityCode, ListAwardEntries.NameOf(directory, e.EntrantMunicipalityCode), e.PartnerMunicipalityCode,
                ListAwardEntries.NameOf(directory, e.PartnerMunicipalityCode), e.PartnerDeclarationNumber, e.Title, e.PeriodStart, e.PeriodEnd,
                [.. round.Criteria.OrderBy(c => c.Order).Select(c => new Answer(c.Code, c.NameJa, c.NameEn, c.Weight, answers.GetValueOrDefault(c.Code) ?? ""))],
                e.Outcomes,
                [.. attachments.Select(a => new Attachment(a.Id, a.Position, a.FileName, a.ContentType, a.Size, AwardRoundModel.Jst(a.UploadedAt)))],
                [.. assignments.Select(a => new Assignment(a.Id, a.JudgeId, a.Name, a.Conflict, AwardRoundModel.Jst(a.AssignedAt),
                    a.DeclaredAt is { } d ? AwardRoundModel.Jst(d) : null))],
                AwardRoundModel.Jst(e.CreatedAt), AwardRoundModel.Jst(e.UpdatedAt), e.SubmittedAt is { } s ? AwardRoundModel.Jst(s) : null,
                e.WithdrawnAt is { } w ? AwardRoundModel.Jst(w) : null);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/entries/{id:guid}", async (Guid id, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(id), ct);
                Cases.CaseAccess.SetETag(response, model.Version);
                return TypedResults.Ok(model);
            })
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetAwardEntry)).WithSummary("One award entry with answers, attachments and assignments (managers, admins)").WithTags("Award");
}
