using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
