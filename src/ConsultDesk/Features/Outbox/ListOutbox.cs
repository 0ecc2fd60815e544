using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Outbox;

/// <summary>
/// Mail that has not gone out: failed rows (most recent first) or pending rows (next due first), keyset-paged on the
/// dispatcher's (Status, NextAttemptAt) index. Addresses are masked; errors hold only the error class and SMTP code.
/// </summary>
public static class ListOutbox
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        /// <summary><c>failed</c> or <c>pending</c>.</summary>
        public string Status { get; init; } = "failed";
        /// <summary>Only rows tried at least this often: 1 lists pending mail that is being retried.</summary>
        public int MinAttempts { get; init; }
        public int Limit { get; init; } = QueryParameters.DefaultLimit;
        public string? Cursor { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Item(Guid Id, string Kind, string? CaseReference, string To, OutboxStatus Status, int Attempts, string? LastError,
        DateTime? NextAttemptAt, DateTime CreatedAt);

    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => StatusOf(s) is not null).WithMessage(_ => Texts.OutboxStatusInvalid);
            RuleFor(q => q.MinAttempts).GreaterThanOrEqualTo(0).WithMessage(_ => Texts.OutboxMinAttemptsInvalid);
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.Cursor).PageCursor(c => KeysetCursor.TryDecode(c, out _, out Guid _));
        }
    }

    internal static OutboxStatus? StatusOf(string? status) => status switch
    {
        "failed" => OutboxStatus.Failed,
        "pending" => OutboxStatus.Pending,
        _ => null,
    };

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var status = StatusOf(query.Status)!.Value;
            // Pending: what goes out next comes first. Failed: what failed last comes first.
            var newestFirst = status == OutboxStatus.Failed;
            var rows = db.Outbox.AsNoTracking().Where(m => m.Status == status);
            if (query.MinAttempts > 0) rows = rows.Where(m => m.Attempts >= query.MinAttempts);
            if (KeysetCursor.TryDecode(query.Cursor, out var at, out Guid id))
                rows = rows.After(m => m.NextAttemptAt, m => m.Id, at, id, newestFirst, db.Database.IsNpgsql());
            rows = newestFirst
                ? rows.OrderByDescending(m => m.NextAttemptAt).ThenByDescending(m => m.Id)
                : rows.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id);

            var page = await rows.Take(query.Limit + 1)
                .Select(m => new
                {
                    m.Id, m.Kind, m.ToAddress, m.Status, m.Attempts, m.LastError, m.NextAttemptAt, m.CreatedAt,
                    CaseReference = db.Cases.Where(c => c.Id == m.CaseId).Select(c => c.Reference).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);

            var items = page.Take(query.Limit).Select(m => new Item(m.Id, m.Kind, m.CaseReference, MaskAddress(m.ToAddress), m.Status, m.Attempts,
                m.LastError, m.Status == OutboxStatus.Pending ? m.NextAttemptAt : null, m.CreatedAt)).ToList();
            var next = page.Count > query.Limit ? KeysetCursor.Encode(page[query.Limit - 1].NextAttemptAt, page[query.Limit - 1].Id) : null;
            return new Response(items, next);
        }
    }

    /// <summary><c>yamada@example.jp</c> → <c>ya***@example.jp</c>: enough to recognise a recipient, not to harvest one.</summary>
    public static string MaskAddress(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0) return "***";
        var local = new StringInfo(address[..at]);
        var keep = local.LengthInTextElements > 2 ? 2 : 1;
        return local.SubstringByTextElements(0, keep) + "***" + address[at..];
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/outbox", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var q = new QueryParameters(request.Query);
                var limit = q.Limit();
                var query = new Query
                {
                    Status = q.Text("status", "failed"),
                    MinAttempts = q.Int("minAttempts", 0, Texts.OutboxMinAttemptsInvalid),
                    Limit = limit,
                    Cursor = q.Cursor(),
                };
                return TypedResults.Ok(await sender.Send(query, ct));
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListOutbox)).WithSummary("Undeliverable and waiting mail (admins)").WithTags("Outbox");
}
