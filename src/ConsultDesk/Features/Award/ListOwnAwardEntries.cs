using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The declarant's award overview (/sengen/manage/{token}/award, and the link on the declarant page): the rounds whose
/// entry window is open now, and the declarant's own entries in any round. Null for a link that opens nothing.
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
}
