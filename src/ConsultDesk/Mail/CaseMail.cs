using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConsultDesk.Mail;

/// <summary>Composes the mails a consultant sends on a case, threaded to the case's acknowledgement.</summary>
public sealed class CaseMail(ConsultDeskDbContext db, MailTemplates templates, PortalLinks links, IOptions<ConsultDeskOptions> options)
{
    public const string ReplyKind = "reply";
    public const string InviteKind = "consultation-invite";

    public async Task<OutboxMail> ReplyAsync(Case @case, string subject, string body, Guid staffId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var model = await BaseModelAsync(@case, staffId, cancellationToken);
        model["subject"] = subject;
        model["body"] = body;
        return await ToInquirerAsync(@case, ReplyKind, model, nowUtc, cancellationToken);
    }

    /// <summary>The reply rendered as <see cref="ReplyAsync"/> renders it, for a preview: nothing is stored.</summary>
    public async Task<RenderedMail> PreviewReplyAsync(Case @case, string subject, string body, Guid staffId, CancellationToken cancellationToken)
    {
        var model = await BaseModelAsync(@case, staffId, cancellationToken);
        model["subject"] = subject;
        model["body"] = body;
        return templates.Render(ReplyKind, @case.Language, model);
    }

    public async Task<OutboxMail> InvitationAsync(Case @case, Consultation consultation, Guid staffId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var english = InquirerMail.IsEnglish(@case);
        var model = await BaseModelAsync(@case, staffId, cancellationToken);
        model["starts_at"] = InquirerMail.JapanTime(consultation.StartsAt, english);
        model["duration_minutes"] = consultation.DurationMinutes;
        model["channel"] = ConsultationChannelNames.Name(consultation.Channel, english);
        model["attendees"] = consultation.Attendees;
        return await ToInquirerAsync(@case, InviteKind, model, nowUtc, cancellationToken, Invitation(@case, consultation, english));
    }

    private async Task<Dictionary<string, object?>> BaseModelAsync(Case @case, Guid staffId, CancellationToken cancellationToken)
    {
        // Mails are signed by the consultant who sends them.
        var model = InquirerModel(@case);
        model["staff_name"] = await db.Users.Where(u => u.Id == staffId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        return model;
    }

    /// <summary>What every template addressed to the inquirer can use.</summary>
    public Dictionary<string, object?> InquirerModel(Case @case) => new()
    {
        ["reference"] = @case.Reference,
        ["contact_name"] = InquirerMail.ContactName(@case),
        ["organization_name"] = @case.OrganizationName,
        ["public_base_url"] = options.Value.PublicBaseUrl,
    };

    /// <summary>
    /// A mail to the inquirer, in their language, threaded to the acknowledgement. A mail carrying a portal link keeps
    /// its token only until sent; a non-essential one (<paramref name="essential"/> false) carries List-Unsubscribe.
    /// </summary>
    public async Task<OutboxMail> ToInquirerAsync(Case @case, string kind, Dictionary<string, object?> model, DateTime nowUtc, CancellationToken cancellationToken,
        string? invite = null, PortalLink? link = null, bool essential = true, bool namedRecipient = true)
    {
        // Threading: every mail on a case answers the acknowledgement, so mail clients show one conversation.
        var acknowledgement = await db.Outbox.AsNoTracking()
            .Where(m => m.CaseId == @case.Id && m.Kind == AcknowledgementMail.Kind)
            .Select(m => m.MessageId).FirstOrDefaultAsync(cancellationToken);
        var rendered = templates.Render(kind, @case.Language, model);
        var listUnsubscribe = essential || link is null ? null : links.ListUnsubscribe(@case, link);
        // A mail anyone can trigger (namedRecipient false) does not put the inquirer's typed name in the To header either.
        return OutboxMail.Create(@case.Id, kind, rendered, @case.Email, namedRecipient ? @case.ContactName : null, InquirerMail.MessageIdDomain(options.Value.Mail),
            nowUtc, acknowledgement, invite, listUnsubscribe, link?.Secret);
    }

    private string Invitation(Case @case, Consultation consultation, bool english)
    {
        var from = MailboxAddress.Parse(options.Value.Mail.From);
        var calendar = new Ical.Net.Calendar { Method = "REQUEST" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{consultation.Id:N}@{from.Domain}",
            DtStart = new CalDateTime(DateTime.SpecifyKind(consultation.StartsAt, DateTimeKind.Utc)),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(consultation.StartsAt.AddMinutes(consultation.DurationMinutes), DateTimeKind.Utc)),
            Summary = string.Format(CultureInfo.InvariantCulture, LocalizedText.Get("InvitationSummary", english), @case.Reference),
            Location = ConsultationChannelNames.Name(consultation.Channel, english),
            Organizer = new Organizer($"mailto:{from.Address}") { CommonName = from.Name },
            Attendees = [new Attendee($"mailto:{@case.Email}") { CommonName = @case.ContactName, Rsvp = true }],
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Could not serialise the invitation.");
    }
}
