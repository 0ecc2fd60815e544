using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsultDesk.Web.Pages.Account;

/// <summary>
/// Staff sign-in with the Identity cookie; repeated failures lock the account like the API does, a disabled account
/// is refused with the same message, and every attempt goes on the account audit list.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ConsultDesk.Common.Http.RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInManager<User> signIn, AccountAudit audit, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Password) && Email.Length <= 254 && Password.Length <= 256)
        {
            var user = await signIn.UserManager.FindByEmailAsync(Email.Trim());
            if (user is null)
            {
                await audit.RecordAsync(AccountEventKinds.SignInFailed, null, null, ct);
            }
            else
            {
                var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    await audit.RecordAsync(AccountEventKinds.SignedIn, user.Id, user.Id, ct);
                    return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/desk");
                }
                // The password was right; Identity holds the user in its short two-factor cookie until the code comes.
                if (result.RequiresTwoFactor)
                    return RedirectToPage("/Account/SignInTwoFactor", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
                await audit.RecordAsync(result.IsLockedOut ? AccountEventKinds.LockedOut : AccountEventKinds.SignInFailed, null, user.Id, ct);
                logger.LogInformation("Staff sign-in refused for user {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
            }
        }
        Failed = true;
        Password = null;
        return Page();
    }
}
