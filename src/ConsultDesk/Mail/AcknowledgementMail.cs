using ConsultDesk.Common;
using ConsultDesk.Domain;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Mail;

/// <summary>
/// Composes the acknowledgement an inquirer gets for a new case, in the inquirer's language, with the portal link.
/// It goes to whatever address an anonymous visitor typed (or a mail's From), so it repeats none of the inquiry's free
/// text (names, organisation, subject, message): the model offers only the reference, fixed-list values, what happens
/// next and the link, and the recipient gets no display name. Otherwise the desk would relay anyone's text to anyone
/// from a government domain.
/// </summary>
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
            ["submitted_at"] = InquirerMail.JapanTime(@case.SubmittedAt, english),
            ["first_response_due"] = InquirerMail.JapanTime(@case.FirstResponseDueAt, english),
            ["public_base_url"] = options.Value.PublicBaseUrl,
            ["portal_url"] = link.Url,
        };
        var rendered = templates.Render(Kind, @case.Language, model);
        return OutboxMail.Create(@case.Id, Kind, rendered, @case.Email, toName: null, InquirerMail.MessageIdDomain(options.Value.Mail), nowUtc,
            inReplyTo, secret: link.Secret);
    }
}
