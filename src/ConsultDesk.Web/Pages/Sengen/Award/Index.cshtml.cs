using ConsultDesk.Features.Award;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Sengen.Award;

/// <summary>The declarant's award page: rounds open for entries now, and their own entries in any round. A link that opens nothing is a 404.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public string Token => RouteData.Values["token"] as string ?? "";

    public string ManagePath => $"/sengen/manage/{Uri.EscapeDataString(Token)}";

    public ListOwnAwardEntries.Model? View { get; private set; }

    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        View = await sender.Send(new ListOwnAwardEntries.Query(Token), cancellationToken);
        if (View is null) Response.StatusCode = StatusCodes.Status404NotFound;
        Flash = TempData["AwardFlash"] as string;
        return Page();
    }
}
