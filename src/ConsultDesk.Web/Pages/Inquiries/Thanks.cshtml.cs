using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Inquiries;

public sealed class ThanksModel : PageModel
{
    public string? Reference { get; private set; }

    public void OnGet() => Reference = TempData["Reference"] as string;
}
