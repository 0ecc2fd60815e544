using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// The monthly report mail: a summary of a calendar month against the month before, with the five report CSVs of the
/// month attached, written to the outbox as one mail per manager (admins when the desk has no manager), in Japanese.
/// At most once per month: every row's Message-ID is fixed by month and recipient, so a re-run, a retry or a second
/// instance finds the rows (or hits the unique Message-ID) instead of writing them again.
/// </summary>
public sealed class MonthlyReportMail(
    ConsultDeskDbContext db,
    WriteGate writeGate,
    MailTemplates templates,
    ISender sender,
    IOptions<ConsultDeskOptions> options,
    ILogger<MonthlyReportMail> logger)
{
    public const string Kind = "monthly-report";

    public enum Outcome
    {
        Queued,
        AlreadySent,
        NoRecipients,
    }

    public sealed record Result(Outcome Outcome, int Recipients);

    /// <summary>
    /// The month whose report is due at <paramref name="nowUtc"/>: the previous month when today (Japan time) is the
    /// first business day of this month, else none.
    /// </summary>
    public static DateOnly? MonthDue(BusinessCalendar calendar, DateTime nowUtc)
    {
        var today = JapanTime.DateOf(nowUtc);
        if (calendar.FirstBusinessDayOf(today.Year, today.Month) != today) return null;
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    /// <summary>The month key used in Message-IDs and file names, e.g. <c>2026-11</c>.</summary>
    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Writes the month's mails to the outbox unless they were written before.</summary>
    public async Task<Result> QueueAsync(DateOnly month, DateTime nowUtc, CancellationToken cancellationToken)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var key = MonthKey(month);
        var prefix = $"{Kind}.{key}.";
        if (await AlreadyQueuedAsync(prefix, cancellationToken)) return new Result(Outcome.AlreadySent, 0);

        var recipients = await StaffInRoleAsync(Roles.Manager, cancellationToken);
        if (recipients.Count == 0) recipients = await StaffInRoleAsync(Roles.Admin, cancellationToken);
        if (recipients.Count == 0)
        {
            logger.LogWarning("Monthly report {Month}: no manager or admin to send it to", key);
            return new Result(Outcome.NoRecipients, 0);
        }

        var (model, files) = await ComposeAsync(month, cancellationToken);
        var rendered = templates.Render(Kind, InquiryLanguage.Ja, model);
        var domain = InquirerMail.MessageIdDomain(options.Value.Mail);
        var mails = recipients.Select(r =>
        {
            var mail = OutboxMail.Create(null, Kind, rendered, r.Email, r.Name, domain, nowUtc, messageIdLocalPart: prefix + RecipientKey(r.Email));
            foreach (var (name, content) in files) mail.Attach(name, ExcelCsv.ContentType, content);
            return mail;
        }).ToList();

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (await writeGate.EnterAsync(cancellationToken))
                {
                    db.Outbox.AddRange(mails);
                    await db.SaveChangesAsync(cancellationToken);
                }
                break;
            }
            // Another run wrote the month's mails between our check and our insert: the unique Message-ID refused ours,
            // or PostgreSQL broke the two inserts' deadlock (reported wrapped as a transient failure).
            catch (Exception ex) when (ex is DbUpdateException || ex.InnerException is DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await AlreadyQueuedAsync(prefix, CancellationToken.None))
                {
                    logger.LogInformation("Monthly report {Month} was queued concurrently by another run", key);
                    return new Result(Outcome.AlreadySent, 0);
                }
                // The other run may not have committed yet: one more insert waits on its unique key and then knows.
                if (attempt == 2) throw;
            }
        }
        logger.LogInformation("Monthly report {Month} queued for {Recipients} recipients", key, mails.Count);
        return new Result(Outcome.Queued, mails.Count);
    }

    private Task<bool> AlreadyQueuedAsync(string prefix, CancellationToken cancellationToken) =>
        db.Outbox.AsNoTracking().AnyAsync(m => m.Kind == Kind && m.MessageId.StartsWith(prefix), cancellationToken);

    /// <summary>A stable, address-free token per recipient for the Message-ID (the address itself must not show there).</summary>
    private static string RecipientKey(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..16];

    /// <summary>
    /// The template model and the attachments, from the report queries (never from the cases themselves), sent through
    /// the pipeline like any other: from the job as the system, from the send endpoint as the supervisor who asked.
    /// </summary>
    private async Task<(Dictionary<string, object?> Model, List<(string Name, byte[] Content)> Files)> ComposeAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var previous = month.AddMonths(-1);
        var last = month.AddMonths(1).AddDays(-1);
        var previousLast = month.AddDays(-1);

        var twoMonths = await sender.Send(new FlowReport.Query { From = previous, To = last, Interval = "month" }, cancellationToken);
        var flowMonth = await sender.Send(new FlowReport.Query { From = month, To = last, Interval = "month" }, cancellationToken);
        var speedMonth = await sender.Send(new SpeedReport.Query { From = month, To = last }, cancellationToken);
        var speedPrevious = await sender.Send(new SpeedReport.Query { From = previous, To = previousLast }, cancellationToken);
        var funnelMonth = await sender.Send(new FunnelReport.Query { From = month, To = last }, cancellationToken);
        var funnelPrevious = await sender.Send(new FunnelReport.Query { From = previous, To = previousLast }, cancellationToken);
        var geographyMonth = await sender.Send(new GeographyReport.Query { From = month, To = last }, cancellationToken);
        // The caseload is a snapshot of the cases open now, whatever the month.
        var caseloadNow = await sender.Send(new CaseloadReport.Query(), cancellationToken);

        var thisPeriod = twoMonths.Periods[^1];
        var previousPeriod = twoMonths.Periods[0];
        var key = MonthKey(month);
        List<(string Name, byte[] Content)> files =
        [
            ($"consultdesk-caseload-{key}.csv", ReportCsv.Caseload(caseloadNow, english: false)),
            ($"consultdesk-flow-{key}.csv", ReportCsv.Flow(flowMonth, english: false)),
            ($"consultdesk-speed-{key}.csv", ReportCsv.Speed(speedMonth, english: false)),
            ($"consultdesk-funnel-{key}.csv", ReportCsv.Funnel(funnelMonth, english: false)),
            ($"consultdesk-geography-{key}.csv", ReportCsv.Geography(geographyMonth, english: false)),
        ];

        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["month"] = MonthName(month),
            ["previous_month"] = MonthName(previous),
            ["opened"] = thisPeriod.Opened,
            ["opened_previous"] = previousPeriod.Opened,
            ["resolved"] = thisPeriod.Resolved,
            ["resolved_previous"] = previousPeriod.Resolved,
            ["closed"] = thisPeriod.Closed,
            ["closed_previous"] = previousPeriod.Closed,
            ["backlog"] = thisPeriod.Backlog,
            ["backlog_previous"] = previousPeriod.Backlog,
            ["first_response_median"] = Hours(speedMonth.FirstResponse.MedianHours),
            ["first_response_median_previous"] = Hours(speedPrevious.FirstResponse.MedianHours),
            ["first_response_sla"] = Percent(speedMonth.FirstResponse.SlaAttainment),
            ["first_response_sla_previous"] = Percent(speedPrevious.FirstResponse.SlaAttainment),
            ["consultation_rate"] = Percent(funnelMonth.Total.Stages[1].FromIntake),
            ["consultation_rate_previous"] = Percent(funnelPrevious.Total.Stages[1].FromIntake),
            ["match_rate"] = Percent(funnelMonth.Total.Stages[^1].FromIntake),
            ["match_rate_previous"] = Percent(funnelPrevious.Total.Stages[^1].FromIntake),
            ["attachments"] = string.Join("\n", files.Select(f => f.Name)),
            ["desk_url"] = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/desk",
        };
        return (model, files);
    }

    public static string MonthName(DateOnly month) => $"{month.Year}年{month.Month}月";

    /// <summary>Hours with one decimal, or a dash when nothing was measured.</summary>
    public static string Hours(double? hours) => hours is { } h ? h.ToString("0.0", CultureInfo.InvariantCulture) + "時間" : "—";

    /// <summary>A ratio as a percentage with one decimal, or a dash when there was nothing to divide.</summary>
    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private async Task<List<(string Email, string Name)>> StaffInRoleAsync(string role, CancellationToken cancellationToken)
    {
        var rows = await (from user in db.Users
                          join userRole in db.UserRoles on user.Id equals userRole.UserId
                          join r in db.Roles on userRole.RoleId equals r.Id
                          where r.Name == role && user.Email != null
                          select new { user.Email, user.DisplayName }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(r => (r.Email!, r.DisplayName)).DistinctBy(r => r.Item1, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
