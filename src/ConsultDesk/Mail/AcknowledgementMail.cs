using ConsultDesk.Common;
using ConsultDesk.Domain;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Mail;

/// <summary>
/// Composes the acknowledgement an inquirer gets for a new case, in the inquirer's language, with the portal link.
/// It goes to whatever address an anonymous visitor typed (or a mail's From), so it repeats none of the inquiry's free
/// text (names, organisation, subject, message): the model offers only the reference, fixed-list values, what happens
/// next and the link, and the recipient gets no display name. Otherwise the desk would relay anyone's text to anyone
/// from a government domain. It may list a few of the portal's published policies and guidelines matching the
/// inquiry's topics and party (<c>policies</c>: our titles and links, found by the caller before the intake
/// transaction so the lookup never holds the write gate).
/// </summary>
public sealed class AcknowledgementMail(MailTemplates templates, PortalLinks links, IOptions<ConsultDeskOptions> options)
{
    public const string Kind = "acknowledgement";

    /// <summary>How many related policies the mail lists at most.</summary>
    public const int MaxPolicies = 3;

    /// <summary>A published portal item the mail points to: its title and its page's path (/info/{kind}/{slug}).</summary>
    public sealed record RelatedPolicy(string Title, string Path);

    public OutboxMail Create(Case @case, DateTime nowUtc, string? inReplyTo = null, IReadOnlyList<RelatedPolicy>? policies = null)
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
            ["policies"] = PolicyModel(policies ?? [], options.Value.PublicBaseUrl),
        };
        var rendered = templates.Render(Kind, @case.Language, model);
        return OutboxMail.Create(@case.Id, Kind, rendered, @case.Email, toName: null, InquirerMail.MessageIdDomain(options.Value.Mail), nowUtc,
            inReplyTo, secret: link.Secret);
    }

    /// <summary>The <c>policies</c> variable: a list of { title, url } with absolute URLs (empty: the template's block renders nothing).</summary>
    public static List<Dictionary<string, object?>> PolicyModel(IEnumerable<RelatedPolicy> policies, string publicBaseUrl) =>
        [.. policies.Take(MaxPolicies).Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["title"] = p.Title,
            ["url"] = publicBaseUrl.TrimEnd('/') + p.Path,
        })];
}
