using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The review queue: confirmed declarations (an unconfirmed one is not the office's yet), filtered by status,
/// prefecture, industry, 要確認 and a text, oldest submission first, with the case queue's paging conventions
/// (keyset <c>cursor</c>/<c>before</c>, <c>limit</c>, a count capped at <see cref="CountCap"/>).
/// </summary>
public static class ListDeclarations
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        /// <summary>Empty: every confirmed declaration, whatever its state.</summary>
        public IReadOnlyList<DeclarationStatus> Statuses { get; init; } = [];
        public string? PrefectureCode { get; init; }
        /// <summary>JSIC division code (A–T).</summary>
        public string? Industry { get; init; }
        /// <summary>Only those flagged 要確認 (the yearly check went unanswered).</summary>
        public bool NeedsAttention { get; init; }
        /// <summary>Part of the organisation's name or reading, a 法人番号, or (with <c>@</c>) part of the contact address.</summary>
        public string? Q { get; init; }
        /// <summary><c>submitted</c> (oldest first) or <c>submitted-desc</c>.</summary>
        public string Sort { get; init; } = "submitted";
        public int Limit { get; init; } = QueryParameters.DefaultLimit;
        public string? Cursor { get; init; }
        public string? Before { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Item(Guid Id, DeclarationStatus Status, int? Number, string? NumberText, string OrganizationName, string? CorporateNumber,
        string PrefectureCode, string Industry, DateTime SubmittedAt, DateTime? AcceptedAt, bool HasPendingChange, DateTime? NeedsAttentionSince);

    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor)
    {
        public string? PreviousCursor { get; init; }
        public int Total { get; init; }
        public bool TotalCapped { get; init; }
    }

    /// <summary>The count stops here, as on the case queue.</summary>
    public const int CountCap = 1000;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.Sort).Must(s => s is "submitted" or "submitted-asc" or "submitted-desc").WithMessage(_ => Texts.QueueSort);
            RuleFor(q => q.Statuses).Must(s => !s.Contains(DeclarationStatus.Unconfirmed)).WithMessage(_ => Texts.DeclarationQueueStatus);
            RuleFor(q => q.PrefectureCode).Must(p => p is null || Prefecture.IsValidCode(p)).WithMessage(_ => Texts.Prefecture);
            RuleFor(q => q.Industry).Must(i => i is null || Domain.Industry.IsKnown(i)).WithMessage(_ => Texts.DeclarationQueueIndustry);
            RuleFor(q => q.Q).MaximumLength(100).WithMessage(_ => string.Format(Texts.TooLong, "q", 100));
            RuleFor(q => q.Cursor).PageCursor(c => KeysetCursor.TryDecode(c, out _, out Guid _));
            RuleFor(q => q.Before).PageCursor(c => KeysetCursor.TryDecode(c, out _, out Guid _));
            RuleFor(q => q.Before).Null().When(q => q.Cursor is not null).WithMessage(_ => Texts.QueueCursor);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await Filter(db, query).Take(CountCap + 1).CountAsync(cancellationToken);
            var descending = query.Sort == "submitted-desc";
            var backwards = query.Before is not null;
            var position = query.Cursor ?? query.Before;
            var declarations = Filter(db, query);
            if (position is not null && KeysetCursor.TryDecode(position, out var at, out Guid id))
                declarations = declarations.After(d => d.SubmittedAt!.Value, d => d.Id, at, id, descending != backwards, db.Database.IsNpgsql());
            declarations = descending != backwards
                ? declarations.OrderByDescending(d => d.SubmittedAt).ThenByDescending(d => d.Id)
                : declarations.OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id);

            var rows = await declarations.Take(query.Limit + 1)
                .Select(d => new
                {
                    d.Id, d.Status, d.Number, d.OrganizationName, d.CorporateNumber, d.PrefectureCode, d.Industry,
                    SubmittedAt = d.SubmittedAt!.Value, d.AcceptedAt, d.NeedsAttentionSince,
                })
                .ToListAsync(cancellationToken);
            var more = rows.Count > query.Limit;
            var page = rows.Take(query.Limit).ToList();
            if (backwards) page.Reverse();
            var items = page.Select(r => new Item(r.Id, r.Status, r.Number, r.Number is { } n ? Declaration.FormatNumber(n) : null, r.OrganizationName,
                r.CorporateNumber, r.PrefectureCode, r.Industry, r.SubmittedAt, r.AcceptedAt,
                r.AcceptedAt is not null && r.Status is DeclarationStatus.InReview or DeclarationStatus.Returned, r.NeedsAttentionSince)).ToList();

            string CursorOf(int index) => KeysetCursor.Encode(page[index].SubmittedAt, page[index].Id);
            var hasNext = backwards ? page.Count > 0 : more;
            var hasPrevious = backwards ? more : position is not null && page.Count > 0;
            return new Response(items, hasNext && page.Count > 0 ? CursorOf(page.Count - 1) : null)
            {
                PreviousCursor = hasPrevious ? CursorOf(0) : null,
                Total = Math.Min(total, CountCap),
                TotalCapped = total > CountCap,
            };
        }
    }

    /// <summary>
    /// The filters. A 法人番号 (13 digits) or a whole contact address is looked up through its index; other text is a
    /// substring of the name, the reading (folded to katakana) or the address, checked on the rows the other filters leave.
    /// </summary>
    public static IQueryable<Declaration> Filter(ConsultDeskDbContext db, Query query)
    {
        var declarations = db.Declarations.AsNoTracking().Where(d => d.SubmittedAt != null);
        if (query.Statuses.Count > 0) declarations = declarations.Where(d => query.Statuses.Contains(d.Status));
        else declarations = declarations.Where(d => d.Status != DeclarationStatus.Unconfirmed);
        if (query.PrefectureCode is { } prefecture) declarations = declarations.Where(d => d.PrefectureCode == prefecture);
        if (query.Industry is { } industry) declarations = declarations.Where(d => d.Industry == industry);
        if (query.NeedsAttention) declarations = declarations.Where(d => d.NeedsAttentionSince != null);
        if (query.Q?.Trim() is { Length: > 0 } text)
        {
            var digits = new string(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => c is not ('-' or ' ')).ToArray());
            if (digits.Length == 13 && digits.All(char.IsAsciiDigit))
                declarations = declarations.Where(d => d.CorporateNumber == digits);
            else if (text.Contains('@'))
            {
                var key = EmailAddress.LimitKey(text);
                var lower = text.ToLowerInvariant();
                declarations = declarations.Where(d => d.EmailKey == key || d.EmailKey.Contains(lower) || d.ContactEmail.Contains(text));
            }
            else
            {
                var kana = JapaneseText.ToFullWidthKatakana(text);
                var numberPrefix = digits.Length >= 4 && digits.All(char.IsAsciiDigit) ? digits : null;
                declarations = declarations.Where(d => d.OrganizationName.Contains(text) || (kana.Length > 0 && d.OrganizationNameKana.Contains(kana))
                    || (numberPrefix != null && d.CorporateNumber != null && d.CorporateNumber.StartsWith(numberPrefix)));
            }
        }
        return declarations;
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/declarations", async (HttpRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(Parse(request.Query), ct)))
            .ProducesValidationProblem()
            .WithName(nameof(ListDeclarations)).WithSummary("The declaration review queue").WithTags("Declarations");

    public static Query Parse(IQueryCollection query)
    {
        var q = new QueryParameters(query);
        return new Query
        {
            Statuses = q.Enums<DeclarationStatus>("status", Texts.DeclarationQueueStatus),
            PrefectureCode = q.Text("prefectureCode"),
            Industry = q.Text("industry"),
            NeedsAttention = q.Flag("needsAttention", Texts.DeclarationQueueFlag) ?? false,
            Q = q.Text("q"),
            Sort = q.Text("sort", "submitted"),
            Limit = q.Limit(),
            Cursor = q.Cursor(),
            Before = q.Cursor("before"),
        };
    }

    /// <summary>The query string of a query's filters and sort (no page position), for the page's links.</summary>
    public static List<KeyValuePair<string, string?>> FilterParameters(Query query)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (query.Statuses.Count > 0) parameters.Add(new("status", string.Join(',', query.Statuses.Distinct().Select(s => Wire.Name(s)))));
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) parameters.Add(new(key, value)); }
        Add("prefectureCode", query.PrefectureCode);
        Add("industry", query.Industry);
        Add("needsAttention", query.NeedsAttention ? "true" : null);
        Add("q", query.Q);
        Add("sort", query.Sort == "submitted" ? null : query.Sort);
        if (query.Limit != QueryParameters.DefaultLimit) Add("limit", query.Limit.ToString(CultureInfo.InvariantCulture));
        return parameters;
    }
}
