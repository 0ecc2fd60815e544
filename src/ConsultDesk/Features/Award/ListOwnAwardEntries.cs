using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The declarant's award overview (/sengen/manage/{token}/award, and the link on the declarant page): the rounds whose
/// entry window is open now, and the declarant's own entries in any round. Null for a link that opens nothing.
/// The API (<c>GET /api/v1/public/award/entries</c>) adds each open round's category and criterion codes, which an
/// entry's body names.
/// </summary>
public static class ListOwnAwardEntries
{
    public sealed record Query(string? Token) : IQuery<Model?>, IPublicMessage;

    public sealed record RoundItem(Guid Id, int Year, string Title, DateTime EntryOpensAt, DateTime EntryClosesAt);

    public sealed record EntryItem(Guid Id, Guid RoundId, int RoundYear, string RoundTitle, Guid CategoryId, string CategoryNameJa, string CategoryNameEn,
        string Title, AwardEntryStatus Status, DateTime UpdatedAt, bool Editable);

    /// <param name="Eligible">An accepted, listed declaration: only it may enter.</param>
    public sealed record Model(Declaration Declaration, bool Eligible, IReadOnlyList<RoundItem> OpenRounds, IReadOnlyList<EntryItem> Entries)
    {
        public bool ShowLink => Eligible && OpenRounds.Count > 0 || Entries.Count > 0;
    }

    public sealed class Handler(ConsultDeskDbContext db, DeclarationLinks links, TimeProvider clock) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await links.FindAsync(query.Token, now, cancellationToken) is not { } declaration) return null;
            var open = await db.AwardRounds.AsNoTracking().Where(r => r.EntryOpensAt <= now && now < r.EntryClosesAt).OrderBy(r => r.EntryClosesAt)
                .Select(r => new RoundItem(r.Id, r.Year, r.Title, r.EntryOpensAt, r.EntryClosesAt)).ToListAsync(cancellationToken);
            var entries = await (from e in db.AwardEntries.AsNoTracking()
                                 where e.DeclarationId == declaration.Id
                                 join r in db.AwardRounds on e.RoundId equals r.Id
                                 join c in db.AwardCategories on e.CategoryId equals c.Id
                                 orderby r.Year descending, e.CreatedAt
                                 select new EntryItem(e.Id, r.Id, r.Year, r.Title, c.Id, c.NameJa, c.NameEn, e.Title, e.Status, e.UpdatedAt,
                                     r.EntryOpensAt <= now && now < r.EntryClosesAt && e.Status != AwardEntryStatus.Withdrawn))
                .ToListAsync(cancellationToken);
            return new Model(declaration, declaration.Listed && declaration.Number is not null, open, entries);
        }
    }

    public sealed record ApiCategory(string Code, string NameJa, string NameEn, bool ForPartnerMunicipality);

    public sealed record ApiCriterion(string Code, string NameJa, string NameEn);

    public sealed record ApiRound(Guid Id, int Year, string Title, DateTime EntryOpensAt, DateTime EntryClosesAt,
        IReadOnlyList<ApiCategory> Categories, IReadOnlyList<ApiCriterion> Criteria);

    public sealed record ApiEntry(Guid Id, Guid RoundId, int RoundYear, string CategoryNameJa, string CategoryNameEn, string Title,
        AwardEntryStatus Status, DateTime UpdatedAt, bool Editable);

    /// <param name="Eligible">Whether this declarant may enter (an accepted, listed Action宣言).</param>
    public sealed record ApiModel(bool Eligible, IReadOnlyList<ApiRound> OpenRounds, IReadOnlyList<ApiEntry> Entries);

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/award/entries", async (HttpContext http, ISender sender, ConsultDeskDbContext db, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(http.Request.Headers[AwardEntrant.TokenHeader].ToString()), ct)
                    ?? throw new NotFoundException("Declaration link");
                var roundIds = model.OpenRounds.Select(r => r.Id).ToList();
                var categories = await db.AwardCategories.AsNoTracking().Where(c => roundIds.Contains(c.RoundId)).OrderBy(c => c.Order).ToListAsync(ct);
                var criteria = await db.AwardCriteria.AsNoTracking().Where(c => roundIds.Contains(c.RoundId)).OrderBy(c => c.Order).ToListAsync(ct);
                return TypedResults.Ok(new ApiModel(model.Eligible,
                    [.. model.OpenRounds.Select(r => new ApiRound(r.Id, r.Year, r.Title, r.EntryOpensAt, r.EntryClosesAt,
                        [.. categories.Where(c => c.RoundId == r.Id).Select(c => new ApiCategory(c.Code, c.NameJa, c.NameEn, c.ForPartnerMunicipality))],
                        [.. criteria.Where(c => c.RoundId == r.Id).Select(c => new ApiCriterion(c.Code, c.NameJa, c.NameEn))]))],
                    [.. model.Entries.Select(e => new ApiEntry(e.Id, e.RoundId, e.RoundYear, e.CategoryNameJa, e.CategoryNameEn, e.Title, e.Status,
                        e.UpdatedAt, e.Editable))]));
            })
            .AllowAnonymous()
            .WithName(nameof(ListOwnAwardEntries))
            .WithSummary("An entrant lists the rounds open for entries (with their category and criterion codes) and their own entries (X-Declarant-Token header)")
            .WithTags("Award entries");
}
