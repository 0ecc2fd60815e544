using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>The usage terms of the Action宣言 logo (sample wording from the resources, Japanese and English).</summary>
public sealed class LogoTermsModel : PageModel
{
    public void OnGet()
    {
    }
}
