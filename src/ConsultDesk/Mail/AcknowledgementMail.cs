using ConsultDesk.Common;
using ConsultDesk.Domain;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Mail;

/// <summary>Composes the acknowledgement an inquirer gets for a new case, in the inquirer's language, with the portal link.</summary>
public sealed class AcknowledgementMail(MailTemplates templates, PortalLinks links, IOptions<ConsultDeskOptions> options)
{
    public const string Kind = "acknowledgement";

    public OutboxMail Create(Case @case, DateTime nowUtc, string? inReplyTo = null)
    {
        var english = InquirerMail.IsEnglish(@case);
        var link = links.Mint(@case, nowUtc);
        var model = new Dictionary<string, object?>
        {
            ["reference"] = @case.Reference,
            ["contact_name"] = InquirerMail.ContactName(@case),
            ["organization_name"] = @case.OrganizationName,
            ["submitted_at"] = InquirerMail.JapanTime(@case.SubmittedAt, english),
            ["topics"] = string.Join(english ? ", " : "、", @case.Topics.Select(t => TopicNames.Name(t.Topic, english))),
            ["preferred_channel"] = ChannelNames.Name(@case.PreferredChannel, english),
            ["subject"] = @case.Subject,
            ["message"] = @case.Message,
            ["public_base_url"] = options.Value.PublicBaseUrl,
            ["portal_url"] = link.Url,
        };
        var rendered = templates.Render(Kind, @case.Language, model);
        return OutboxMail.Create(@case.Id, Kind, rendered, @case.Email, @case.ContactName, InquirerMail.MessageIdDomain(options.Value.Mail), nowUtc,
            inReplyTo, secret: link.Token);
    }
}
