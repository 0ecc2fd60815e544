using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>One link and the checker's last verdict, with the item it belongs to.</summary>
public sealed record InfoLinkRow(Guid Id, Guid ItemId, string ItemTitle, InfoKind ItemKind, InfoStatus ItemStatus, string Url, bool IsMain,
    LinkState State, int? HttpStatus, string? FinalUrl, IReadOnlyList<string> Redirects, string? Detail, DateTime? CheckedAt);

/// <summary>
/// The editors' link list: links in the given states (broken and redirected unless told), most recently checked first
/// (never-checked last), keyset-paged on (checked time, id).
/// </summary>
public static class ListInfoLinks
{
    public static readonly IReadOnlyList<LinkState> DefaultStates = [LinkState.Broken, LinkState.Redirected];

    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public IReadOnlyList<LinkState> States { get; init; } = [];
        public int Limit { get; init; } = QueryParameters.DefaultLimit;
        public string? Cursor { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Response(IReadOnlyList<LinkState> States, IReadOnlyList<InfoLinkRow> Items, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.Cursor).PageCursor(c => KeysetCursor.TryDecode(c, out _, out Guid _));
        }
    }

    /// <summary>Never-checked links sort as if checked at this moment (before any real check): last in the list.</summary>
    private static readonly DateTime Never = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var states = query.States.Count == 0 ? DefaultStates : query.States.Distinct().ToList();
            var links = db.InfoLinks.AsNoTracking().Where(l => states.Contains(l.State));
            if (KeysetCursor.TryDecode(query.Cursor, out var at, out Guid id))
                links = links.Where(l => (l.CheckedAt ?? Never) < at || ((l.CheckedAt ?? Never) == at && l.Id.CompareTo(id) < 0));
            var page = await Rows(db, links.OrderByDescending(l => l.CheckedAt ?? Never).ThenByDescending(l => l.Id))
                .Take(query.Limit + 1).ToListAsync(cancellationToken);
            var next = page.Count > query.Limit ? KeysetCursor.Encode(page[query.Limit - 1].CheckedAt ?? Never, page[query.Limit - 1].Id) : null;
            return new Response(states, [.. page.Take(query.Limit).Select(r => r.ToRow())], next);
        }
    }

    internal sealed record RawRow(Guid Id, Guid ItemId, string ItemTitle, InfoKind ItemKind, InfoStatus ItemStatus, string Url, bool IsMain,
        LinkState State, int? HttpStatus, string? FinalUrl, string? Redirects, string? Detail, DateTime? CheckedAt)
    {
        public InfoLinkRow ToRow() => new(Id, ItemId, ItemTitle, ItemKind, ItemStatus, Url, IsMain, State, HttpStatus, FinalUrl,
            Redirects is null ? [] : Redirects.Split('\n', StringSplitOptions.RemoveEmptyEntries), Detail,
            CheckedAt is { } c ? DateTime.SpecifyKind(c, DateTimeKind.Utc) : null);
    }

    /// <summary>The links with their items' titles, kinds and statuses (one join).</summary>
    internal static IQueryable<RawRow> Rows(ConsultDeskDbContext db, IQueryable<InfoLink> links) =>
        links.Join(db.InfoItems, l => l.ItemId, i => i.Id, (l, i) => new RawRow(l.Id, l.ItemId, i.Title, i.Kind, i.Status, l.Url, l.IsMain,
            l.State, l.HttpStatus, l.FinalUrl, l.Redirects, l.Detail, l.CheckedAt));

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/info/links", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var q = new QueryParameters(request.Query);
                var query = new Query { States = q.Enums<LinkState>("state", Texts.InfoLinks_StateInvalid), Limit = q.Limit(), Cursor = q.Cursor() };
                return TypedResults.Ok(await sender.Send(query, ct));
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListInfoLinks))
            .WithSummary("Portal links and the link checker's verdicts (editors)")
            .WithDescription("state=broken|redirected|ok|unchecked (repeatable or comma-separated; default broken and redirected). Most recently checked first; keyset-paged with limit and cursor.")
            .WithTags("Info");
}
