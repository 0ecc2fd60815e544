using ConsultDesk.Web.Accessibility;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages;

/// <summary>
/// /accessibility: the accessibility policy (target JIS X 8341-3:2016 level AA) and the latest result of the axe-core
/// scan of every public page, read from the file the browser test writes (<see cref="AccessibilityReport"/>).
/// </summary>
public sealed class AccessibilityModel(IWebHostEnvironment environment) : PageModel
{
    public AccessibilityReport? Report { get; private set; }

    public static bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public void OnGet() => Report = AccessibilityReport.Load(environment.ContentRootPath);
}
