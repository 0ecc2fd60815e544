using ConsultDesk.Domain;
using ConsultDesk.Features.Portal;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Portal;

/// <summary>
/// The unsubscribe link of reminder and survey mails. A person gets a confirmation page with a button (CSRF
/// protected); a mail provider's RFC 8058 one-click POST (<c>List-Unsubscribe=One-Click</c>) comes without cookies or
/// a form token, so antiforgery is checked here by hand and skipped for exactly that request.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(ISender sender, IAntiforgery antiforgery) : PortalPage(sender)
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var oneClick = Request.HasFormContentType
            && string.Equals((await Request.ReadFormAsync(cancellationToken))["List-Unsubscribe"], "One-Click", StringComparison.Ordinal);
        if (!oneClick && !await antiforgery.IsRequestValidAsync(HttpContext)) return BadRequest();

        var refused = await TryAsync(() => Sender.Send(new OptOutOfMail.Command(Token, oneClick ? OptOutChannel.OneClick : OptOutChannel.Portal), cancellationToken).AsTask(),
            cancellationToken);
        if (refused is not null) return refused;
        // The mail provider only reads the status; a short text answer sets no cookie.
        if (oneClick) return Content(Texts.PortalOptOutDone, "text/plain; charset=utf-8");
        Done = true;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }
}
