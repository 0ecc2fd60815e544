using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConsultDesk.Mail;

/// <summary>Composes the acknowledgement an inquirer gets for a new case, in the inquirer's language.</summary>
public sealed class AcknowledgementMail(MailTemplates templates, IOptions<ConsultDeskOptions> options)
{
    public const string Kind = "acknowledgement";
    private static readonly TimeZoneInfo Japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public OutboxMail Create(Case @case, DateTime nowUtc)
    {
        var english = @case.Language == InquiryLanguage.En;
        var submitted = TimeZoneInfo.ConvertTimeFromUtc(@case.SubmittedAt, Japan);
        var model = new Dictionary<string, object?>
        {
            ["reference"] = @case.Reference,
            ["contact_name"] = english ? $"{@case.GivenName} {@case.FamilyName}" : $"{@case.FamilyName} {@case.GivenName}",
            ["organization_name"] = @case.OrganizationName,
            ["submitted_at"] = english
                ? submitted.ToString("yyyy-MM-dd HH:mm 'JST'", CultureInfo.InvariantCulture)
                : submitted.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture),
            ["topics"] = string.Join(english ? ", " : "、", @case.Topics.Select(t => TopicNames.Name(t.Topic, english))),
            ["preferred_channel"] = ChannelNames.Name(@case.PreferredChannel, english),
            ["subject"] = @case.Subject,
            ["message"] = @case.Message,
            ["public_base_url"] = options.Value.PublicBaseUrl,
        };
        var rendered = templates.Render(Kind, @case.Language, model);
        var from = MailboxAddress.Parse(options.Value.Mail.From);
        var domain = from.Domain is { Length: > 0 } d ? d : "consultdesk.local";
        return OutboxMail.Create(@case.Id, Kind, rendered, @case.Email, @case.ContactName, domain, nowUtc);
    }
}
