using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Users;

/// <summary>The account audit list for admins: sign-in events and account changes, newest first, keyset-paged on (OccurredAt, Id).</summary>
public static class ListAccountEvents
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public int Limit { get; init; } = 50;
        public string? Cursor { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Item(Guid Id, DateTime OccurredAt, Guid? ActorUserId, string? ActorName, Guid? SubjectUserId, string? SubjectName,
        string Kind, string? ClientIp);

    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, 100).WithMessage(_ => Texts.QueueLimit);
            RuleFor(q => q.Cursor).Must(c => c is null || Cursor.TryDecode(c, out _)).WithMessage(_ => Texts.QueueCursor);
        }
    }

    /// <summary>Every event newest first, with the names of the users involved (shared with the CSV export).</summary>
    internal static IQueryable<Item> NewestFirst(ConsultDeskDbContext db, Cursor? after)
    {
        var rows = db.AccountEvents.AsNoTracking();
        if (after is not null)
        {
            var at = after.OccurredAt;
            var id = after.Id;
            rows = rows.Where(e => e.OccurredAt < at || (e.OccurredAt == at && e.Id.CompareTo(id) < 0));
        }
        return rows.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Select(e => new Item(e.Id, e.OccurredAt, e.ActorUserId,
                db.Users.Where(u => u.Id == e.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.SubjectUserId,
                db.Users.Where(u => u.Id == e.SubjectUserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.Kind, e.ClientIp));
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var after = query.Cursor is not null && Cursor.TryDecode(query.Cursor, out var decoded) ? decoded : null;
            var page = await NewestFirst(db, after).Take(query.Limit + 1).ToListAsync(cancellationToken);
            var next = page.Count > query.Limit ? Cursor.Encode(new Cursor(page[query.Limit - 1].OccurredAt, page[query.Limit - 1].Id)) : null;
            return new Response(page.Take(query.Limit).ToList(), next);
        }
    }

    /// <summary>The position after the last row of a page, opaque to clients (base64url JSON).</summary>
    public sealed record Cursor(DateTime OccurredAt, Guid Id)
    {
        public static string Encode(Cursor cursor) =>
            Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new object[] { cursor.OccurredAt.Ticks, cursor.Id }));

        public static bool TryDecode(string text, out Cursor cursor)
        {
            cursor = null!;
            try
            {
                var parts = JsonSerializer.Deserialize<JsonElement[]>(Base64Url.DecodeFromChars(text));
                if (parts is not [{ ValueKind: JsonValueKind.Number } ticks, { ValueKind: JsonValueKind.String } id]) return false;
                if (!ticks.TryGetInt64(out var value) || value < DateTime.MinValue.Ticks || value > DateTime.MaxValue.Ticks || !id.TryGetGuid(out var guid)) return false;
                cursor = new Cursor(new DateTime(value, DateTimeKind.Utc), guid);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
            {
                return false;
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/users/audit", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var q = request.Query;
                var limit = 50;
                if (q["limit"].ToString() is { Length: > 0 } limitText && !int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure("limit", Texts.QueueLimit)]);
                var query = new Query { Limit = limit, Cursor = q["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null };
                return TypedResults.Ok(await sender.Send(query, ct));
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListAccountEvents)).WithSummary("Account audit list: sign-ins and account changes, newest first (admins)").WithTags("Users");
}
