using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The case page's portal search: published policies, guidelines and case studies whose text contains a Japanese
/// partial word, newest first, for a consultant to insert a title and link into a reply. The word goes through the
/// portal's search document the same way as <see cref="CaseSearchQuery"/>: an FTS5 phrase query on "InfoSearchIndex"
/// (SQLite), a GIN containment query made exact by a substring check (PostgreSQL); then one query for the items.
/// </summary>
public static class SearchInfoForDesk
{
    public const int Limit = 10;
    public const int MaxQueryLength = 100;

    /// <summary>The search considers at most this many documents (the newest on SQLite).</summary>
    public const int MaxMatches = 500;

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
            if (string.IsNullOrWhiteSpace(query.Q) || Matches(db, query.Q) is not { } ids) return [];
            return await db.InfoItems.AsNoTracking()
                .Where(i => ids.Contains(i.Id) && i.Status == InfoStatus.Published
                    && (i.Kind == InfoKind.Policy || i.Kind == InfoKind.Guideline || i.Kind == InfoKind.CaseStudy))
                .OrderByDescending(i => i.PublishedAt).ThenBy(i => i.Id)
                .Take(Limit)
                .Select(i => new Hit(i.Id, i.Kind, i.Slug, i.Title, i.Summary, i.Ministry, i.Publisher, i.PublishedAt))
                .ToListAsync(cancellationToken);
        }
    }

    /// <summary>The ids of the items whose search document contains the word (null when the word has nothing to search).</summary>
    public static IQueryable<Guid>? Matches(ConsultDeskDbContext db, string text)
    {
        var runs = SearchText.QueryRuns(text);
        if (runs.Count == 0) return null;

        if (db.Database.IsNpgsql())
        {
            var bigrams = CaseSearchQuery.SelectiveBigrams(runs.SelectMany(r => r).Where(t => t.EnumerateRunes().Count() == 2).Distinct());
            var substrings = SearchText.Runs(SearchText.Normalize(text)).Select(r => string.Concat(r)).ToArray();
            var sql = new System.Text.StringBuilder("""SELECT d."ItemId" AS "Value" FROM "InfoSearchDocuments" d WHERE TRUE""");
            var parameters = new List<object>();
            if (bigrams.Length > 0)
            {
                sql.Append(" AND string_to_array(d.\"Tokens\", ' ') @> {" + parameters.Count + "}");
                parameters.Add(bigrams);
            }
            foreach (var substring in substrings)
            {
                sql.Append(" AND strpos(d.\"Text\", {" + parameters.Count + "}) > 0");
                parameters.Add(substring);
            }
            sql.Append(" LIMIT " + MaxMatches);
            return db.Database.SqlQueryRaw<Guid>(sql.ToString(), [.. parameters]);
        }

        // FTS5: each run is a phrase of consecutive bigrams (exact substring); a lone character is a token prefix.
        var match = string.Join(" AND ", runs.Select(run => run.Length == 1 && run[0].EnumerateRunes().Count() == 1
            ? $"\"{run[0]}\"*"
            : $"\"{string.Join(' ', run)}\""));
        return db.Database.SqlQueryRaw<Guid>(
            """
            SELECT d."ItemId" AS "Value" FROM "InfoSearchDocuments" d
            WHERE d."Id" IN (SELECT rowid FROM "InfoSearchIndex" WHERE "InfoSearchIndex" MATCH {0} ORDER BY rowid DESC LIMIT {1})
            """,
            match, MaxMatches);
    }
}
