using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsultDesk.Web.Pages.Account;

/// <summary>The second step of a sign-in with two-factor on: a code from the app or a one-time recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(ConsultDesk.Common.Http.RateLimitPolicies.SignIn)]
public sealed class SignInTwoFactorModel(SignInManager<User> signIn, AccountAudit audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/SignIn");
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (Code is { Length: > 0 and <= 16 } code)
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        else if (RecoveryCode is { Length: > 0 and <= 32 } recovery)
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(recovery.Trim());
        else
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (result.Succeeded)
        {
            await audit.RecordAsync(AccountEventKinds.SignedIn, user.Id, user.Id, ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/desk");
        }
        await audit.RecordAsync(result.IsLockedOut ? AccountEventKinds.LockedOut : AccountEventKinds.SignInFailed, null, user.Id, ct);
        Failed = true;
        return Page();
    }
}
