using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Matching;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// One declarant's public page (/sengen/{number}) and its JSON: the [公開] fields of the accepted version
/// (<see cref="DeclarationFields.Public"/>), never the contact person, the street address or anything only the office
/// sees. A withdrawn declaration answers only its number and that it was withdrawn (410 Gone); a number never
/// accepted is not found.
/// </summary>
public static class GetPublicDeclaration
{
    public sealed record Query(int Number) : IQuery<Model>, IPublicMessage;

    public sealed record Commitment(string ItemCode, string LabelJa, string LabelEn, string Text);

    /// <summary>The page; every field but the number and the dates is null when <see cref="Withdrawn"/>.</summary>
    public sealed record Model(int Number, string FormattedNumber, bool Withdrawn, DateTime? WithdrawnAt, DateTime? AcceptedAt)
    {
        public string? OrganizationName { get; init; }
        public string? OrganizationNameKana { get; init; }
        public string? CorporateNumber { get; init; }
        public string? PrefectureCode { get; init; }
        public string? LocalGovernmentCode { get; init; }
        /// <summary>The municipality's name from the code master.</summary>
        public string? Municipality { get; init; }
        public string? Industry { get; init; }
        public CompanySize? Size { get; init; }
        public string? Website { get; init; }
        public string? RepresentativeName { get; init; }
        public string? RepresentativeTitle { get; init; }
        public IReadOnlyList<Commitment> Commitments { get; init; } = [];
        public DateTime? PublishedAt { get; init; }
    }

    public sealed class Handler(ConsultDeskDbContext db, LocalGovernmentDirectory localGovernments) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var declaration = await db.Declarations.AsNoTracking()
                .Where(d => d.Number == query.Number)
                .Select(d => new { d.Id, d.Listed, d.Status, d.AcceptedAt, d.WithdrawnAt, d.AcceptedVersionNumber, d.PublishedAt })
                .SingleOrDefaultAsync(cancellationToken);
            if (declaration is null || declaration.AcceptedVersionNumber is null) throw new NotFoundException("Declaration");
            var formatted = Declaration.FormatNumber(query.Number);
            if (!declaration.Listed)
                return new Model(query.Number, formatted, true, declaration.WithdrawnAt, declaration.AcceptedAt);

            var json = await db.DeclarationVersions.AsNoTracking()
                .Where(v => v.DeclarationId == declaration.Id && v.Number == declaration.AcceptedVersionNumber)
                .Select(v => v.Content).SingleAsync(cancellationToken);
            var content = System.Text.Json.JsonSerializer.Deserialize<DeclarationContent>(json, Wire.JsonOptions)!;
            var codes = content.Commitments.Select(c => c.ItemCode).ToList();
            var labels = await db.DeclarationItems.AsNoTracking()
                .Where(i => i.Kind == DeclarationItemKind.Commitment && codes.Contains(i.Code))
                .Select(i => new { i.Code, i.LabelJa, i.LabelEn, i.SortOrder }).ToListAsync(cancellationToken);
            var byCode = labels.ToDictionary(l => l.Code, StringComparer.Ordinal);

            return new Model(query.Number, formatted, false, null, declaration.AcceptedAt)
            {
                OrganizationName = content.OrganizationName,
                OrganizationNameKana = content.OrganizationNameKana,
                CorporateNumber = content.CorporateNumber,
                PrefectureCode = content.PrefectureCode,
                LocalGovernmentCode = content.LocalGovernmentCode,
                Municipality = localGovernments.Find(content.LocalGovernmentCode)?.Name,
                Industry = content.Industry,
                Size = CompanyNeeds.SizeOf(content.Employees),
                Website = content.Website,
                RepresentativeName = content.RepresentativeName,
                RepresentativeTitle = content.RepresentativeTitle,
                Commitments = [.. content.Commitments
                    .OrderBy(c => byCode.TryGetValue(c.ItemCode, out var l) ? l.SortOrder : int.MaxValue).ThenBy(c => c.ItemCode, StringComparer.Ordinal)
                    .Select(c => byCode.TryGetValue(c.ItemCode, out var l)
                        ? new Commitment(c.ItemCode, l.LabelJa, l.LabelEn, c.Text)
                        : new Commitment(c.ItemCode, "", "", c.Text))],
                PublishedAt = declaration.PublishedAt,
            };
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/declarations/{number:int}", async Task<IResult> (int number, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(number), ct);
                response.Headers.CacheControl = "public, max-age=60";
                if (model.Withdrawn)
                    return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This declaration was withdrawn.",
                        extensions: new Dictionary<string, object?>
                        {
                            ["number"] = model.Number,
                            ["withdrawnAt"] = model.WithdrawnAt?.ToString("O", CultureInfo.InvariantCulture),
                        });
                return TypedResults.Ok(model);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicLookup)
            .Produces<Model>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(GetPublicDeclaration))
            .WithSummary("One accepted Action宣言")
            .WithDescription("Anonymous. The [公開] fields of the accepted version: number, acceptance date, organisation and kana, 法人番号, prefecture and municipality (団体コード and name), industry, size band, website, representative and each commitment item with its 取組内容. Never the contact person. 410 when withdrawn, 404 when no declaration has this number.")
            .WithTags("Action宣言");
}
