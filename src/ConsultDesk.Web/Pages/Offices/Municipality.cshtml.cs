using ConsultDesk.Common;
using ConsultDesk.Features.Offices;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Offices;

/// <summary>One municipality's offices and incentives, with a link to the company inquiry form naming it.</summary>
public sealed class OfficesMunicipalityModel(ISender sender) : PageModel
{
    public GetMunicipalityOffices.Model Municipality { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await DirectoryCache.IsNotModifiedAsync(this, sender, cancellationToken)) return StatusCode(StatusCodes.Status304NotModified);
        try
        {
            Municipality = await sender.Send(new GetMunicipalityOffices.Query(code), cancellationToken);
        }
        catch (NotFoundException)
        {
            Response.Headers.ETag = default;
            Response.Headers.CacheControl = "no-cache";
            return NotFound();
        }
        return Page();
    }
}
