using ConsultDesk.Common;
using ConsultDesk.Features.Award;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Award;

/// <summary>
/// The public results of a year's award, from its publication date. Before it the page does not exist: 404 for any
/// form of the URL (the query decides from the clock, so a trailing slash, a query string, a language or HEAD changes
/// nothing), and the 404 is never cached, so the page appears at the publication moment.
/// </summary>
public sealed class AwardResultsModel(ISender sender) : PageModel
{
    public GetPublicAwardResults.Model Results { get; private set; } = null!;

    public static bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            Results = await sender.Send(new GetPublicAwardResults.Query(year), cancellationToken);
        }
        catch (NotFoundException)
        {
            Response.Headers.CacheControl = "no-store";
            return NotFound();
        }
        var signedIn = User.Identity?.IsAuthenticated == true;
        Response.Headers.CacheControl = signedIn ? "private, no-cache" : GetPublicAwardResults.PublicCacheControl;
        Response.Headers.Vary = "Cookie, Accept-Language";
        return Page();
    }
}
