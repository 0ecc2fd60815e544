using ConsultDesk.Features.Auth;
using ConsultDesk.Web.Pages.Desk;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsultDesk.Web.Pages.Account;

/// <summary>The page a reset link opens: sets a new password once. Showing the form does not use the link up.</summary>
[AllowAnonymous]
[EnableRateLimiting(ConsultDesk.Common.Http.RateLimitPolicies.SignIn)]
public sealed class ResetPasswordModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public bool Done { get; private set; }

    public void OnGet()
    {
        // The link is a credential: keep it out of the Referer of anything this page loads or links to.
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public async Task<IActionResult> OnPostAsync(string? newPassword, CancellationToken ct)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (await TryAsync(() => sender.Send(new ResetPassword.Command(Token, newPassword), ct).AsTask()))
        {
            Done = true;
            Token = null;
            return Page();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
