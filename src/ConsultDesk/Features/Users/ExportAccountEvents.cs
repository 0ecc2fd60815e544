using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Users;

/// <summary><c>GET /api/v1/users/audit.csv</c>: the account audit list as CSV for Excel (UTF-8 with BOM), newest first, at most <see cref="MaxRows"/> rows.</summary>
public static class ExportAccountEvents
{
    public const int MaxRows = 100_000;

    public sealed record Query : IQuery<byte[]>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
            var rows = await ListAccountEvents.NewestFirst(db, null).Take(MaxRows).ToListAsync(cancellationToken);
            IReadOnlyList<string> header = english
                ? ["Time (JST)", "Event", "Actor user ID", "Actor", "Subject user ID", "Subject", "Client IP"]
                : ["日時", "イベント", "操作したユーザーID", "操作したユーザー", "対象ユーザーID", "対象ユーザー", "クライアントIP"];
            return ExcelCsv.Write([header, .. rows.Select(e => (IReadOnlyList<string>)
                [Jst(e.OccurredAt), e.Kind, e.ActorUserId?.ToString() ?? "", e.ActorName ?? "", e.SubjectUserId?.ToString() ?? "", e.SubjectName ?? "", e.ClientIp ?? ""])]);
        }

        private static string Jst(DateTime utc) =>
            Domain.Calendar.JapanTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/users/audit.csv", async (ISender sender, CancellationToken ct) =>
                TypedResults.File(await sender.Send(new Query(), ct), ExcelCsv.ContentType, "consultdesk-account-audit.csv"))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ExportAccountEvents)).WithSummary("The account audit list as CSV (admins)").WithTags("Users");
}
