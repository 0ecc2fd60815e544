using System.Globalization;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Features.Reports;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="RunMonthlyReport"/>. Keep the type and method names: stored jobs refer to them.</summary>
public sealed class MonthlyReportJob(ISender sender)
{
    public const string RecurringJobId = "monthly-report";

    // Retrying is safe: the mails of a month are written at most once, whichever run gets there first.
    [AutomaticRetry(Attempts = 5)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new RunMonthlyReport.Command(), cancellationToken);

    /// <summary>
    /// A daily cron expression in UTC for a Japan time of day (HH:mm): Japan has no daylight saving time, so a fixed
    /// offset needs no time zone data on the server.
    /// </summary>
    public static string DailyCronUtc(string sendAtJst)
    {
        if (!TimeOnly.TryParseExact(sendAtJst, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var jst))
            throw new InvalidOperationException($"ConsultDesk:Reports:MonthlyMail:SendAtJst must be HH:mm, not '{sendAtJst}'.");
        var utc = jst.Add(-BusinessCalendar.JapanOffset);
        return string.Create(CultureInfo.InvariantCulture, $"{utc.Minute} {utc.Hour} * * *");
    }
}
