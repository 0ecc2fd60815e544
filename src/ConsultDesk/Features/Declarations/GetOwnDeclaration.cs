using System.Text.Json;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// What the declarant's page (/sengen/manage/{token}) shows: the declaration, its current version, why it was last
/// returned, and the item rows for their labels. Null when the link does not open anything (unknown, expired, revoked,
/// or its unconfirmed declaration was deleted).
/// </summary>
public static class GetOwnDeclaration
{
    public sealed record Query(string? Token) : IQuery<Model?>, IPublicMessage;

    public sealed record Model(Declaration Declaration, DeclarationVersion Current, DeclarationContent Content, string? ReturnReason,
        IReadOnlyList<DeclarationItem> Items);

    public sealed class Handler(ConsultDeskDbContext db, DeclarationLinks links, TimeProvider clock) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await links.FindAsync(query.Token, now, cancellationToken) is not { } declaration) return null;
            var current = await db.DeclarationVersions.AsNoTracking()
                .SingleAsync(v => v.DeclarationId == declaration.Id && v.Number == declaration.CurrentVersionNumber, cancellationToken);
            string? reason = null;
            if (declaration.Status == DeclarationStatus.Returned)
            {
                var returned = await db.DeclarationEvents.AsNoTracking()
                    .Where(e => e.DeclarationId == declaration.Id && e.Type == "returned")
                    .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                    .Select(e => e.Content).FirstOrDefaultAsync(cancellationToken);
                reason = returned is null ? null : ReadReason(returned);
            }
            var items = await db.DeclarationItems.AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(cancellationToken);
            return new Model(declaration, current, current.ReadContent(), reason, items);
        }

        private static string? ReadReason(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
        }
    }
}
