using ConsultDesk.Common;
using ConsultDesk.Features.Declarations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>
/// One declarant's public page: the [公開] fields of the accepted version. A withdrawn declaration answers 410 Gone
/// with a notice naming only its number and the withdrawal date; an unknown number is 404.
/// </summary>
public sealed class SengenDeclarationModel(ISender sender) : PageModel
{
    public GetPublicDeclaration.Model Declaration { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken cancellationToken)
    {
        if (await SengenCache.IsNotModifiedAsync(this, sender, cancellationToken)) return StatusCode(StatusCodes.Status304NotModified);
        try
        {
            Declaration = await sender.Send(new GetPublicDeclaration.Query(number), cancellationToken);
        }
        catch (NotFoundException)
        {
            Response.Headers.ETag = default;
            Response.Headers.CacheControl = "no-cache";
            return NotFound();
        }
        if (Declaration.Withdrawn) Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
