using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Offices;

/// <summary>
/// A cheap fingerprint of everything the public directory shows, for its ETag: the number of published profiles,
/// the latest change and the sum of versions over all profiles (so unpublishing or editing any profile changes it).
/// </summary>
public static class GetDirectoryVersion
{
    public sealed record Query : IQuery<string>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var version = await db.MunicipalityProfiles.AsNoTracking().GroupBy(_ => 1)
                .Select(g => new { Published = g.Count(p => p.IsPublished), Latest = g.Max(p => p.UpdatedAt), Versions = g.Sum(p => (long)p.Version) })
                .SingleOrDefaultAsync(cancellationToken);
            return version is null ? "0"
                : string.Create(CultureInfo.InvariantCulture, $"{version.Published}-{version.Latest.Ticks:x}-{version.Versions}");
        }
    }
}
