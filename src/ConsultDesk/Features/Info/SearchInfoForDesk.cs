using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The case page's portal search: published policies, guidelines and case studies whose text contains a Japanese
/// partial word, newest first, for a consultant to insert a title and link into a reply. The word goes through the
/// finders' search (<see cref="FindInfoItems.Matches"/>), within the one query for the items.
/// </summary>
public static class SearchInfoForDesk
{
    public const int Limit = 10;
    public const int MaxQueryLength = 100;

    public sealed record Query(string? Q) : IQuery<IReadOnlyList<Hit>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Hit(Guid Id, InfoKind Kind, string Slug, string Title, string Summary, string? Ministry, string? Publisher, DateTime? PublishedAt)
    {
        public string Path => $"/info/{Wire.Name(Kind)}/{Slug}";

        public string? Source(bool english) => Ministry is { } ministry ? InfoCodes.Label(InfoCodes.Ministries, ministry, english) : Publisher;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Q).MaximumLength(MaxQueryLength)
                .WithMessage(_ => string.Format(CultureInfo.InvariantCulture, Texts.TooLong, "q", MaxQueryLength));
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Hit>>
    {
        public async ValueTask<IReadOnlyList<Hit>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query.Q) || FindInfoItems.Matches(db, query.Q) is not { } ids) return [];
            return await db.InfoItems.AsNoTracking()
                .Where(i => ids.Contains(i.Id) && i.Status == InfoStatus.Published
                    && (i.Kind == InfoKind.Policy || i.Kind == InfoKind.Guideline || i.Kind == InfoKind.CaseStudy))
                .OrderByDescending(i => i.PublishedAt).ThenBy(i => i.Id)
                .Take(Limit)
                .Select(i => new Hit(i.Id, i.Kind, i.Slug, i.Title, i.Summary, i.Ministry, i.Publisher, i.PublishedAt))
                .ToListAsync(cancellationToken);
        }
    }
}
