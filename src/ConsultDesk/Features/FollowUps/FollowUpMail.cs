using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Domain.Portal;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.FollowUps;

/// <summary>Composes the mails of the follow-up journeys; template names are the kinds shown on the timeline.</summary>
public sealed class FollowUpMail(ConsultDeskDbContext db, CaseMail caseMail, PortalLinks links, MailTemplates templates,
    ServiceLevel serviceLevel, IOptions<ConsultDeskOptions> options)
{
    public const string ConsultationFollowUpKind = "consultation-follow-up";
    public const string ReminderKind = "waiting-reminder";
    public const string ClosingNoticeKind = "closing-notice";
    public const string SurveyKind = "satisfaction-survey";
    public const string EscalationKind = "unassigned-escalation";

    public async Task<OutboxMail?> ConsultationFollowUpAsync(Case @case, FollowUp followUp, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var consultationId = Guid.ParseExact(followUp.Key, "N");
        var consultation = await db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null) return null;
        var english = InquirerMail.IsEnglish(@case);
        var link = links.Mint(@case, nowUtc);
        var model = caseMail.InquirerModel(@case);
        model["consulted_at"] = InquirerMail.JapanTime(consultation.StartsAt, english);
        model["channel"] = ConsultationChannelNames.Name(consultation.Channel, english);
        model["next_steps"] = consultation.NextSteps;
        model["portal_url"] = link.Url;
        return await caseMail.ToInquirerAsync(@case, ConsultationFollowUpKind, model, nowUtc, cancellationToken, link: link);
    }

    public Task<OutboxMail> ReminderAsync(Case @case, int number, DateTime closesAtUtc, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var link = links.Mint(@case, nowUtc);
        var model = caseMail.InquirerModel(@case);
        model["reminder_number"] = number;
        model["close_on"] = InquirerMail.JapanTime(closesAtUtc, InquirerMail.IsEnglish(@case));
        model["portal_url"] = link.Url;
        model["unsubscribe_url"] = link.UnsubscribeUrl;
        return caseMail.ToInquirerAsync(@case, ReminderKind, model, nowUtc, cancellationToken, link: link, essential: false);
    }

    public Task<OutboxMail> ClosingNoticeAsync(Case @case, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var link = links.Mint(@case, nowUtc);
        var model = caseMail.InquirerModel(@case);
        model["reopen_until"] = InquirerMail.JapanTime(nowUtc + PortalToken.ValidityAfterClose, InquirerMail.IsEnglish(@case));
        model["portal_url"] = link.Url;
        return caseMail.ToInquirerAsync(@case, ClosingNoticeKind, model, nowUtc, cancellationToken, link: link);
    }

    public Task<OutboxMail> SurveyAsync(Case @case, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var link = links.Mint(@case, nowUtc);
        var model = caseMail.InquirerModel(@case);
        model["survey_url"] = link.SurveyUrl;
        model["unsubscribe_url"] = link.UnsubscribeUrl;
        return caseMail.ToInquirerAsync(@case, SurveyKind, model, nowUtc, cancellationToken, link: link, essential: false);
    }

    /// <summary>One internal mail per manager (admins when the desk has no manager), in Japanese.</summary>
    public async Task<List<OutboxMail>> EscalationAsync(Case @case, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var recipients = await StaffInRoleAsync(Roles.Manager, cancellationToken);
        if (recipients.Count == 0) recipients = await StaffInRoleAsync(Roles.Admin, cancellationToken);
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        var rendered = templates.Render(EscalationKind, InquiryLanguage.Ja, new Dictionary<string, object?>
        {
            ["reference"] = @case.Reference,
            ["submitted_at"] = InquirerMail.JapanTime(@case.SubmittedAt, english: false),
            ["due_at"] = InquirerMail.JapanTime(@case.FirstResponseDueAt, english: false),
            ["inquirer_type"] = InquirerTypeNames.Name(@case.InquirerType, english: false),
            ["subject"] = @case.Subject,
            ["case_url"] = $"{baseUrl}/desk/cases/{@case.Reference}",
        });
        var domain = InquirerMail.MessageIdDomain(options.Value.Mail);
        return recipients.Select(r => OutboxMail.Create(@case.Id, EscalationKind, rendered, r.Email, r.Name, domain, nowUtc)).ToList();
    }

    /// <summary>When a case waiting on its inquirer will be closed, for the reminders to say.</summary>
    public DateTime AutoCloseAt(Case @case) =>
        FollowUpDelay.TryParse(options.Value.FollowUps.WaitingAutoClose.Delay, out var delay) && @case.WaitingSince is { } since
            ? delay.After(since, serviceLevel.Calendar)
            : @case.ResolutionDueAt;

    private async Task<List<(string Email, string Name)>> StaffInRoleAsync(string role, CancellationToken cancellationToken)
    {
        var rows = await (from user in db.Users
                          join userRole in db.UserRoles on user.Id equals userRole.UserId
                          join r in db.Roles on userRole.RoleId equals r.Id
                          where r.Name == role && user.Email != null
                          select new { user.Email, user.DisplayName }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(r => (r.Email!, r.DisplayName)).ToList();
    }
}
