using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The portal home (/info): how many published items each kind has (with a word: how many contain it, so a search over
/// all kinds shows where the matches are) and the newest news.
/// </summary>
public static class GetInfoHome
{
    public const int NewsCount = 5;

    public sealed record Query(string? Q = null, bool English = false) : IQuery<Model>, IPublicMessage;

    public sealed record KindCount(InfoKind Kind, int Count);

    public sealed record News(string Slug, string Title, DateTime PublishedAt, bool IsSample);

    public sealed record Model(IReadOnlyList<KindCount> Kinds, IReadOnlyList<News> LatestNews);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Q).MaximumLength(FindInfoItems.MaxQueryLength)
                .WithMessage(_ => string.Format(System.Globalization.CultureInfo.InvariantCulture, Resources.Texts.TooLong, "q", FindInfoItems.MaxQueryLength));
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var items = db.InfoItems.AsNoTracking().Where(i => i.Status == InfoStatus.Published);
            if (!string.IsNullOrWhiteSpace(query.Q) && FindInfoItems.Matches(db, query.Q) is { } matches)
                items = items.Where(i => matches.Contains(i.Id));
            var counts = await items.GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var news = await db.InfoItems.AsNoTracking().Where(i => i.Kind == InfoKind.News && i.Status == InfoStatus.Published)
                .OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id).Take(NewsCount)
                .Select(i => new { i.Slug, i.Title, i.TitleEn, PublishedAt = i.PublishedAt ?? i.UpdatedAt, i.IsSample })
                .ToListAsync(cancellationToken);
            return new Model(
                [.. Enum.GetValues<InfoKind>().Select(k => new KindCount(k, counts.GetValueOrDefault(k)))],
                [.. news.Select(n => new News(n.Slug, query.English && !string.IsNullOrWhiteSpace(n.TitleEn) ? n.TitleEn : n.Title,
                    DateTime.SpecifyKind(n.PublishedAt, DateTimeKind.Utc), n.IsSample))]);
        }
    }
}
