using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// A round's entries for managers and admins, filtered by category (code) and status, in the order they were
/// started, keyset-paged by id (ids are time-ordered) through the (RoundId, CategoryId, Status) index.
/// </summary>
public static class ListAwardEntries
{
    public sealed record Query(Guid RoundId) : IQuery<Response>, IRoleRestrictedMessage
    {
        public string? Category { get; init; }
        public AwardEntryStatus? Status { get; init; }
        public int Limit { get; init; } = QueryParameters.DefaultLimit;
        /// <summary>The last id of the previous page.</summary>
        public string? Cursor { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Item(Guid Id, string CategoryCode, string CategoryNameJa, string CategoryNameEn, string Title, string OrganizationName,
        AwardEntrantKind EntrantKind, string? EntrantMunicipalityCode, string? EntrantMunicipalityName, string? PartnerMunicipalityCode,
        string? PartnerMunicipalityName, int? PartnerDeclarationNumber, AwardEntryStatus Status, DateTimeOffset? SubmittedAt, bool Shortlisted);

    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor, int Total);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.Cursor).PageCursor(c => Guid.TryParse(c, out _));
            RuleFor(q => q.Category).Must(AwardRoundInputValidator.IsSlug).When(q => q.Category is not null).WithMessage(_ => Texts.AwardAdmin_CodeInvalid);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, LocalGovernmentDirectory directory) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.AwardRounds.AnyAsync(r => r.Id == query.RoundId, cancellationToken)) throw new NotFoundException("Award round");
            var categories = await db.AwardCategories.AsNoTracking().Where(c => c.RoundId == query.RoundId).ToDictionaryAsync(c => c.Id, cancellationToken);
            var entries = db.AwardEntries.AsNoTracking().Where(e => e.RoundId == query.RoundId);
            if (query.Category is { } code)
            {
                var id = categories.Values.FirstOrDefault(c => c.Code == code)?.Id ?? Guid.Empty;
                entries = entries.Where(e => e.CategoryId == id);
            }
            if (query.Status is { } status) entries = entries.Where(e => e.Status == status);
            var total = await entries.CountAsync(cancellationToken);
            if (query.Cursor is not null && Guid.TryParse(query.Cursor, out var after)) entries = entries.Where(e => e.Id.CompareTo(after) > 0);
            var rows = await entries.OrderBy(e => e.Id).Take(query.Limit + 1)
                .Select(e => new
                {
                    e.Id, e.CategoryId, e.Title, e.OrganizationName, e.EntrantKind, e.EntrantMunicipalityCode, e.PartnerMunicipalityCode,
                    e.PartnerDeclarationNumber, e.Status, e.SubmittedAt, e.Shortlisted,
                })
                .ToListAsync(cancellationToken);
            var page = rows.Take(query.Limit).ToList();
            var items = page.Select(e =>
            {
                var category = categories[e.CategoryId];
                return new Item(e.Id, category.Code, category.NameJa, category.NameEn, e.Title, e.OrganizationName, e.EntrantKind,
                    e.EntrantMunicipalityCode, NameOf(directory, e.EntrantMunicipalityCode), e.PartnerMunicipalityCode, NameOf(directory, e.PartnerMunicipalityCode),
                    e.PartnerDeclarationNumber, e.Status, e.SubmittedAt is { } at ? AwardRoundModel.Jst(at) : null, e.Shortlisted);
            }).ToList();
            return new Response(items, rows.Count > query.Limit ? page[^1].Id.ToString("D") : null, total);
        }
    }

    /// <summary>A 団体コード's name from the code master, with the prefecture for municipalities (「北海道 函館市」).</summary>
    public static string? NameOf(LocalGovernmentDirectory directory, string? code)
    {
        if (code is null || directory.Find(code) is not { } government) return null;
        if (government.Kind == "prefecture") return government.Name;
        var prefecture = Prefecture.Find(government.PrefectureCode);
        return prefecture is null ? government.Name : $"{prefecture.Name} {government.Name}";
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/rounds/{id:guid}/entries", async (Guid id, HttpRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(Parse(id, request.Query), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ListAwardEntries)).WithSummary("A round's entries by category and status (managers, admins)").WithTags("Award");

    public static Query Parse(Guid roundId, IQueryCollection query)
    {
        var q = new QueryParameters(query);
        return new Query(roundId)
        {
            Category = q.Text("category"),
            Status = q.Enum<AwardEntryStatus>("status", Texts.AwardAdmin_StatusInvalid),
            Limit = q.Limit(),
            Cursor = q.Cursor(),
        };
    }

    /// <summary>The query string of the filters (no page position), for the page's links.</summary>
    public static List<KeyValuePair<string, string?>> FilterParameters(Query query)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (query.Category is { } category) parameters.Add(new("category", category));
        if (query.Status is { } status) parameters.Add(new("status", Wire.Name(status)));
        if (query.Limit != QueryParameters.DefaultLimit) parameters.Add(new("limit", query.Limit.ToString(CultureInfo.InvariantCulture)));
        return parameters;
    }
}
