using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// <c>GET /api/v1/cases.csv</c>: the case list with the queue's filters as CSV (UTF-8 with BOM), streamed in submission
/// order, at most <see cref="MaxRows"/> rows. Supervisors only: it is a bulk copy of inquirers' personal data (APPI).
/// Contact details are left out; the reference leads back to the case.
/// </summary>
public static class ExportCases
{
    public const int MaxRows = 100_000;

    public sealed record Query(ListCases.Query Filters) : IQuery<Export>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    /// <summary>The header and then one record per case, read from the database as the response is written.</summary>
    public sealed record Export(IAsyncEnumerable<IReadOnlyList<string>> Records);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filters).SetValidator(new ListCases.Validator());
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, ServiceLevel serviceLevel, TimeProvider clock) : IQueryHandler<Query, Export>
    {
        public ValueTask<Export> Handle(Query query, CancellationToken cancellationToken) => ValueTask.FromResult(new Export(Records(query, cancellationToken)));

        private async IAsyncEnumerable<IReadOnlyList<string>> Records(Query query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
            yield return english
                ? ["Reference", "Status", "Inquirer type", "Organisation", "Prefecture", "Subject", "Consultant", "Submitted (JST)", "First response (JST)", "Resolved (JST)", "Closed (JST)", "Due"]
                : ["受付番号", "状態", "相談者区分", "団体・企業名", "都道府県", "件名", "担当者", "受付日時", "初回応答日時", "解決日時", "終了日時", "期限"];
            // As the queue: an email, phone or reference that names no case falls back to the free-text search.
            var exact = CaseLookup.Parse(query.Filters.Q) is null || await ListCases.Filter(db, query.Filters, user, serviceLevel, now).AnyAsync(cancellationToken);
            var rows = ListCases.Filter(db, query.Filters, user, serviceLevel, now, exactLookup: exact)
                .OrderBy(c => c.SubmittedAt).ThenBy(c => c.Reference)
                .Take(MaxRows)
                .Select(c => new
                {
                    c.Reference, c.Status, c.InquirerType, c.OrganizationName, c.PrefectureCode, c.Subject, c.SubmittedAt, c.FirstRespondedAt,
                    c.ResolvedAt, c.ClosedAt, c.DueAt,
                    AssigneeName = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .AsAsyncEnumerable();
            await foreach (var c in rows.WithCancellation(cancellationToken))
            {
                var prefecture = Prefecture.Find(c.PrefectureCode);
                var due = CaseLifecycle.IsOpen(c.Status) && c.Status != CaseStatus.WaitingOnInquirer ? serviceLevel.StateOf(c.DueAt, now) : DueState.Ok;
                yield return [c.Reference, StatusNames.Of(c.Status), InquirerTypeNames.Name(c.InquirerType, english), c.OrganizationName ?? "",
                    english ? prefecture?.NameEn ?? "" : prefecture?.Name ?? "", c.Subject, c.AssigneeName ?? "",
                    Jst(c.SubmittedAt), Jst(c.FirstRespondedAt), Jst(c.ResolvedAt), Jst(c.ClosedAt), StatusNames.Of(due)];
            }
        }

        private static string Jst(DateTime? utc) =>
            utc is { } value ? Domain.Calendar.JapanTime.Format(value) : "";
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/cases.csv", async (HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var export = await sender.Send(new Query(ListCases.Parse(http.Request.Query)), ct);
                await ExcelCsv.WriteAsync(http.Response, export.Records, "consultdesk-cases.csv", ct);
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName(nameof(ExportCases)).WithSummary("The case list with the queue's filters as CSV (UTF-8 with BOM)").WithTags("Cases");
}
