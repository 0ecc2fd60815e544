using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// A manager or admin sends the monthly report mail of a past month now (when the scheduled one did not go, or for a
/// month before the desk started mailing it). Same once-per-month rule as the schedule: a month already sent is not sent again.
/// </summary>
public static class SendMonthlyReport
{
    /// <summary><see cref="Month"/> as <c>yyyy-MM</c>.</summary>
    public sealed record Command(string Month) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    /// <summary><see cref="Status"/> is <c>queued</c>, <c>already-sent</c> or <c>no-recipients</c>.</summary>
    public sealed record Response(string Month, string Status, int Recipients);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) =>
            RuleFor(c => c.Month).Must(month => Parse(month) is { } m && m.Year >= 2000 && m < CurrentMonth(clock.GetUtcNow().UtcDateTime))
                .WithMessage(_ => Texts.ReportMonth);
    }

    public static DateOnly? Parse(string? month) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    private static DateOnly CurrentMonth(DateTime nowUtc)
    {
        var today = JapanTime.DateOf(nowUtc);
        return new DateOnly(today.Year, today.Month, 1);
    }

    public sealed class Handler(MonthlyReportMail mail, TimeProvider clock) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var month = Parse(command.Month)!.Value;
            var result = await mail.QueueAsync(month, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return new Response(MonthlyReportMail.MonthKey(month), Wire.Name(result.Outcome), result.Recipients);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapPost("/reports/monthly-mail", async (string? month, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(month ?? ""), ct)))
            .ProducesValidationProblem()
            .WithName(nameof(SendMonthlyReport)).WithSummary("Send the monthly report mail of a past month (at most once per month)")
            .WithTags("Reports");
}
