using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsultDesk.Web.Pages.Account;

/// <summary>Staff sign-in with the Identity cookie; repeated failures lock the account like the API does.</summary>
[AllowAnonymous]
[EnableRateLimiting(ConsultDesk.Common.Http.RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInManager<User> signIn, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Password))
        {
            var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/desk");
            logger.LogInformation("Staff sign-in refused (locked out: {LockedOut})", result.IsLockedOut);
        }
        Failed = true;
        Password = null;
        return Page();
    }
}
