using ConsultDesk.Domain;
using ConsultDesk.Features.Portal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Portal;

/// <summary>The inquirer's page for their case: status, messages, upcoming consultations, a reply form, the survey and the opt-out.</summary>
public sealed class PortalCaseModel(ISender sender) : PortalPage(sender)
{
    public string? Body { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        Notice = done switch
        {
            "sent" => Resources.Texts.PortalReplySent,
            "opted-out" => Resources.Texts.PortalOptOutDone,
            "consented" => Resources.Texts.MatchConsentAgreed,
            "declined" => Resources.Texts.MatchConsentDeclined,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(string? body, CancellationToken cancellationToken)
    {
        Body = body;
        var files = ConsultDesk.Features.Attachments.UploadRequest.Files(Request.HasFormContentType ? Request.Form.Files : null);
        return await TryAsync(() => Sender.Send(new ReplyFromPortal.Command(Token, body) { Attachments = files }, cancellationToken).AsTask(), cancellationToken)
            ?? Redirect($"{CasePath}?done=sent#messages");
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid proposalId, bool? agree, CancellationToken cancellationToken) =>
        await TryAsync(() => Sender.Send(new ConsultDesk.Features.Matching.AnswerMatchConsent.Command(Token, proposalId, agree), cancellationToken).AsTask(), cancellationToken)
            ?? Redirect($"{CasePath}?done={(agree == true ? "consented" : "declined")}");

    public async Task<IActionResult> OnPostOptOutAsync(CancellationToken cancellationToken) =>
        await TryAsync(() => Sender.Send(new OptOutOfMail.Command(Token, OptOutChannel.Portal), cancellationToken).AsTask(), cancellationToken)
            ?? Redirect($"{CasePath}?done=opted-out#mail");
}
