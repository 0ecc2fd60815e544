using ConsultDesk.Common;
using ConsultDesk.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>The rounds whose results are public (/award), newest year first; a round before its publication date is never listed.</summary>
public static class ListPublishedAwardRounds
{
    public sealed record Query : IQuery<IReadOnlyList<Round>>, IPublicMessage;

    public sealed record Round(int Year, string Title, DateTime PublishAt);

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<Round>>
    {
        public async ValueTask<IReadOnlyList<Round>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var rounds = await db.AwardRounds.AsNoTracking()
                .Where(r => r.PublishAt <= now.AddSeconds(1))
                .OrderByDescending(r => r.Year)
                .Select(r => new Round(r.Year, r.Title, r.PublishAt))
                .ToListAsync(cancellationToken);
            // The exact comparison in .NET (PostgreSQL keeps only microseconds).
            return [.. rounds.Where(r => r.PublishAt <= now)];
        }
    }
}
