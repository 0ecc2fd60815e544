using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>A portal link that opens nothing: the page offers a fresh link (and says nothing about why).</summary>
    public bool PortalNotFound => Code == 404
        && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath is { } path
        && ConsultDesk.Web.Hosting.PortalGuard.IsPortal(path);

    public void OnGet(int? code) => Code = code ?? 500;

    // Status-code re-execution keeps the original method, so a failed POST lands here too.
    public void OnPost(int? code) => Code = code ?? 500;
}
