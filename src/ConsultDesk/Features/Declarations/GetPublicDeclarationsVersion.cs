using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// A cheap fingerprint of everything /sengen shows, for its ETag (as <c>GetDirectoryVersion</c> for /offices): the
/// highest number (a new acceptance), the latest publication (an accepted change), the latest withdrawal and the
/// latest edit of an item's wording. Each is one seek on an index.
/// </summary>
public static class GetPublicDeclarationsVersion
{
    public sealed record Query : IQuery<string>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var declarations = db.Declarations.AsNoTracking();
            var number = await declarations.MaxAsync(d => d.Number, cancellationToken) ?? 0;
            var published = await declarations.MaxAsync(d => d.PublishedAt, cancellationToken);
            var withdrawn = await declarations.MaxAsync(d => d.WithdrawnAt, cancellationToken);
            var items = await db.DeclarationItems.AsNoTracking().MaxAsync(i => (DateTime?)i.UpdatedAt, cancellationToken);
            return string.Create(CultureInfo.InvariantCulture,
                $"{number}-{published?.Ticks ?? 0:x}-{withdrawn?.Ticks ?? 0:x}-{items?.Ticks ?? 0:x}");
        }
    }
}
