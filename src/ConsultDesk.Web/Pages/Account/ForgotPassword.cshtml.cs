using ConsultDesk.Features.Auth;
using ConsultDesk.Web.Pages.Desk;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsultDesk.Web.Pages.Account;

/// <summary>"Forgot password": the same answer whether the address has an account or not; rate-limited per client address.</summary>
[AllowAnonymous]
[EnableRateLimiting(ConsultDesk.Common.Http.RateLimitPolicies.PasswordReset)]
public sealed class ForgotPasswordModel(ISender sender) : DeskPage
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TryAsync(() => sender.Send(new RequestPasswordReset.Command(Email), ct).AsTask()))
        {
            Sent = true;
            return Page();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
