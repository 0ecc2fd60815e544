using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The commitment items and agreements in form order (commitments first). Anyone gets the active ones (the form and API
/// users build the declaration from them); <c>?all=true</c> (admins) adds the inactive ones.
/// </summary>
public static class ListDeclarationItems
{
    public sealed record Query(bool All = false) : IQuery<Response>, IPublicMessage;

    public sealed record Item(Guid Id, DeclarationItemKind Kind, string Code, string Marker, string LabelJa, string LabelEn, string? DescriptionJa,
        string? DescriptionEn, bool IsSample, int SortOrder, bool Active, DateTime UpdatedAt, long Version);

    public sealed record Response(IReadOnlyList<Item> Commitments, IReadOnlyList<Item> Agreements);

    public static Item ToItem(DeclarationItem i) => new(i.Id, i.Kind, i.Code, i.Marker, i.LabelJa, i.LabelEn, i.DescriptionJa, i.DescriptionEn,
        i.IsSample, i.SortOrder, i.Active, i.UpdatedAt, DeclarationItemAddress.VersionOf(i));

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.All)
            {
                // Inactive items are the admins' working set: the role is checked here, as the list itself is public.
                if (user.Id is null) throw new UnauthorizedAccessException();
                if (!user.IsInRole(Roles.Admin)) throw new ForbiddenException("Only admins list inactive declaration items.");
            }
            var rows = db.DeclarationItems.AsNoTracking();
            if (!query.All) rows = rows.Where(i => i.Active);
            // A handful of rows: ordered here, so the order is the same on both databases.
            var items = (await rows.ToListAsync(cancellationToken))
                .OrderBy(i => i.SortOrder).ThenBy(i => i.Code.Length).ThenBy(i => i.Code, StringComparer.Ordinal)
                .Select(ToItem).ToList();
            return new Response(items.Where(i => i.Kind == DeclarationItemKind.Commitment).ToList(),
                items.Where(i => i.Kind == DeclarationItemKind.Agreement).ToList());
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/declaration-items", async (bool? all, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(all == true), ct)))
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListDeclarationItems)).WithSummary("List the Action宣言 commitment items and agreements (active ones; all=true for admins)")
            .WithTags("Declaration items");
}
