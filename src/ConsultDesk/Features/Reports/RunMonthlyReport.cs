using ConsultDesk.Common;
using ConsultDesk.Domain;
using Mediator;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// The daily check behind the monthly report mail: on the first business day of a month it sends the previous month's
/// report; on any other day, or when the mail is turned off, it does nothing. Safe to repeat (see <see cref="MonthlyReportMail"/>).
/// </summary>
public static class RunMonthlyReport
{
    public sealed record Command : ICommand<Response>, ISystemMessage;

    /// <summary><see cref="Month"/> is the month reported on (null when nothing was due).</summary>
    public sealed record Response(DateOnly? Month, MonthlyReportMail.Outcome? Outcome);

    public sealed class Handler(MonthlyReportMail mail, ServiceLevel serviceLevel, TimeProvider clock, IOptions<ConsultDeskOptions> options)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!options.Value.Reports.MonthlyMail.Enabled) return new Response(null, null);
            var now = clock.GetUtcNow().UtcDateTime;
            if (MonthlyReportMail.MonthDue(serviceLevel.Calendar, now) is not { } month) return new Response(null, null);
            var result = await mail.QueueAsync(month, now, cancellationToken);
            return new Response(month, result.Outcome);
        }
    }
}
