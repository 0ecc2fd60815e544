using ConsultDesk.Common;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Info;

/// <summary>A published item's page (/info/{kind}/{slug}); anything else under that address is not found.</summary>
public sealed class InfoItemModel(ISender sender) : PageModel
{
    public GetPublicInfoItem.Model Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, string slug, CancellationToken cancellationToken)
    {
        if (!InfoCodes.TryParseKind(kind, out var parsed) || slug.Length > InfoItem.MaxSlugLength) return NotFound();
        if (await InfoCache.IsNotModifiedAsync(this, sender, cancellationToken)) return StatusCode(StatusCodes.Status304NotModified);
        try
        {
            Item = await sender.Send(new GetPublicInfoItem.Query(parsed, slug, InfoCache.English), cancellationToken);
        }
        catch (NotFoundException)
        {
            InfoCache.Uncached(this);
            return NotFound();
        }
        return Page();
    }
}
