using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>The desk's list of items in every status, newest change first, filtered by kind and status, a page at a time.</summary>
public static class ListInfoItems
{
    public const int PageSize = 50;

    public sealed record Query(InfoKind? Kind = null, InfoStatus? Status = null, int Page = 1) : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Row(Guid Id, InfoKind Kind, string Slug, string Title, InfoStatus Status, bool IsSample,
        DateTime? PublishAt, DateTime UpdatedAt, int Version);

    public sealed record Response(IReadOnlyList<Row> Items, int Page, int Total, bool HasMore);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = Math.Clamp(query.Page, 1, 10_000);
            var items = db.InfoItems.AsNoTracking();
            if (query.Kind is { } kind) items = items.Where(i => i.Kind == kind);
            if (query.Status is { } status) items = items.Where(i => i.Status == status);
            var total = await items.CountAsync(cancellationToken);
            var rows = await items.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(i => new { i.Id, i.Kind, i.Slug, i.Title, i.Status, i.IsSample, i.PublishAt, i.UpdatedAt, i.Version })
                .ToListAsync(cancellationToken);
            return new Response([.. rows.Select(r => new Row(r.Id, r.Kind, r.Slug, r.Title, r.Status, r.IsSample, InfoItemModel.Utc(r.PublishAt),
                InfoItemModel.Utc(r.UpdatedAt), r.Version))], page, total, page * PageSize < total);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/info/items", async (string? kind, string? status, int? page, ISender sender, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                InfoKind? k = null;
                InfoStatus? s = null;
                if (!string.IsNullOrEmpty(kind)) { if (Domain.Wire.TryParse<InfoKind>(kind, out var parsed)) k = parsed; else errors["kind"] = [InfoRules.Invalid("Kind")]; }
                if (!string.IsNullOrEmpty(status)) { if (Domain.Wire.TryParse<InfoStatus>(status, out var parsed)) s = parsed; else errors["status"] = [InfoRules.Invalid("Status")]; }
                if (errors.Count > 0) throw new RequestRejectedException(StatusCodes.Status400BadRequest, Resources.Texts.ProblemValidationTitle, errors);
                return TypedResults.Ok(await sender.Send(new Query(k, s, page ?? 1), ct));
            })
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListInfoItems)).WithSummary("Portal items in every status, newest change first (editors, managers, admins)").WithTags("Info");
}
