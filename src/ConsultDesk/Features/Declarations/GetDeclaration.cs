using System.Text.Json.Nodes;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// One declaration for review: every version's content with its outcome, the timeline with the staff's names, what
/// staff may do next, and the desk's cases from the same contact mailbox. The ETag is its <see cref="Declaration.Version"/>.
/// </summary>
public static class GetDeclaration
{
    public sealed record Query(Guid Id) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Model(
        Guid Id, DeclarationStatus Status, int Version, int? Number, string? NumberText, string OrganizationName, string? CorporateNumber,
        InquiryLanguage Language, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? SubmittedAt, DateTime UpdatedAt,
        DateTime? AcceptedAt, int? AcceptedVersionNumber, int CurrentVersionNumber, bool HasPendingChange, bool Listed,
        DateTime? WithdrawnAt, DateTime? RejectedAt, DateTime? NeedsAttentionSince, DateTime? CheckRequestedAt, DateTime? NextCheckDueAt,
        IReadOnlyList<DeclarationAction> AllowedActions, IReadOnlyList<VersionModel> Versions, IReadOnlyList<JsonObject> Timeline,
        IReadOnlyList<RelatedCaseModel> Cases)
    {
        /// <summary>The public page and certificate (site-relative), while the declaration is listed.</summary>
        public string? PublicPath => Listed && Number is { } n ? $"/sengen/{n}" : null;
        public string? CertificatePath => Listed && Number is { } n ? $"/sengen/{n}/certificate.pdf" : null;
        /// <summary>More cases share the mailbox than <see cref="Cases"/> shows (<see cref="RelatedCaseCap"/>).</summary>
        public bool CasesCapped { get; init; }
        /// <summary>The labels of the commitment items and agreements the versions name (inactive ones included).</summary>
        public IReadOnlyList<ItemModel> Items { get; init; } = [];
    }

    public sealed record ItemModel(DeclarationItemKind Kind, string Code, string LabelJa, string LabelEn);

    /// <summary>A version as submitted, with the office's decision on it (oldest first).</summary>
    public sealed record VersionModel(int Number, DateTime SubmittedAt, DeclarationVersionOutcome Outcome, DateTime? DecidedAt, DeclarationContent Content);

    public sealed record RelatedCaseModel(string Reference, CaseStatus Status, string Subject, string? OrganizationName, DateTime SubmittedAt);

    /// <summary>At most this many linked cases are shown (newest first).</summary>
    public const int RelatedCaseCap = 20;

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var d = await db.Declarations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Declaration");
            var versions = (await db.DeclarationVersions.AsNoTracking().Where(v => v.DeclarationId == d.Id).OrderBy(v => v.Number)
                    .ToListAsync(cancellationToken))
                .Select(v => new VersionModel(v.Number, v.SubmittedAt, v.Outcome, v.DecidedAt, v.ReadContent())).ToList();

            var entries = await db.DeclarationEvents.AsNoTracking().Where(e => e.DeclarationId == d.Id)
                .OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.Type, e.At, e.ActorId, e.Content, ActorName = db.Users.Where(u => u.Id == e.ActorId).Select(u => u.DisplayName).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            var timeline = entries.Select(e =>
            {
                var entry = JsonNode.Parse(e.Content) as JsonObject ?? new JsonObject();
                entry["id"] = e.Id;
                entry["type"] = e.Type;
                entry["at"] = e.At;
                entry["actor"] = e.ActorId is { } id ? new JsonObject { ["id"] = id, ["displayName"] = e.ActorName } : null;
                return entry;
            }).ToList();

            var codes = versions.SelectMany(v => v.Content.Commitments.Select(c => c.ItemCode).Concat(v.Content.Agreements)).Distinct().ToList();
            var items = await db.DeclarationItems.AsNoTracking().Where(i => codes.Contains(i.Code)).OrderBy(i => i.Kind).ThenBy(i => i.SortOrder)
                .Select(i => new ItemModel(i.Kind, i.Code, i.LabelJa, i.LabelEn)).ToListAsync(cancellationToken);
            var cases = await RelatedCases(db, d.EmailKey).Take(RelatedCaseCap + 1).ToListAsync(cancellationToken);

            return new Model(d.Id, d.Status, d.Version, d.Number, d.Number is { } n ? Declaration.FormatNumber(n) : null, d.OrganizationName,
                d.CorporateNumber, d.Language, d.CreatedAt, d.ConfirmedAt, d.SubmittedAt, d.UpdatedAt, d.AcceptedAt, d.AcceptedVersionNumber,
                d.CurrentVersionNumber, d.HasPendingChange, d.Listed, d.WithdrawnAt, d.RejectedAt, d.NeedsAttentionSince, d.CheckRequestedAt,
                d.NextCheckDueAt, d.AllowedActions().Where(DeclarationAccess.StaffActions.Contains).ToList(), versions, timeline,
                cases.Take(RelatedCaseCap).ToList())
            {
                CasesCapped = cases.Count > RelatedCaseCap,
                Items = items,
            };
        }
    }

    /// <summary>
    /// The desk's cases from the declaration's contact mailbox (cases carry no 法人番号), newest first, through the
    /// cases' (EmailKey, SubmittedAt) index.
    /// </summary>
    public static IQueryable<RelatedCaseModel> RelatedCases(ConsultDeskDbContext db, string emailKey) =>
        db.Cases.AsNoTracking().Where(c => c.EmailKey == emailKey).OrderByDescending(c => c.SubmittedAt)
            .Select(c => new RelatedCaseModel(c.Reference, c.Status, c.Subject, c.OrganizationName, c.SubmittedAt));

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/declarations/{id:guid}", async (Guid id, HttpResponse response, ISender sender, CancellationToken cancellationToken) =>
            {
                var model = await sender.Send(new Query(id), cancellationToken);
                Cases.CaseAccess.SetETag(response, model.Version);
                return TypedResults.Ok(model);
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetDeclaration)).WithSummary("A declaration with its versions and timeline").WithTags("Declarations");
}
