using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Users;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>A staff member turns two-factor sign-in on (key, confirming code, recovery codes shown once) or off.</summary>
public sealed class TwoFactorModel(ISender sender, UserManager<User> users, SignInManager<User> signIn) : DeskPage
{
    public bool Enabled { get; private set; }
    public SetUpTwoFactor.Response? Setup { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task OnGetAsync() => Enabled = await users.GetUserAsync(User) is { } user && await users.GetTwoFactorEnabledAsync(user);

    public async Task<IActionResult> OnPostSetupAsync(CancellationToken ct)
    {
        SetUpTwoFactor.Response? setup = null;
        if (await TryAsync(async () => setup = await sender.Send(new SetUpTwoFactor.Command(), ct))) await SignInAgainAsync();
        Setup = setup;
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code, CancellationToken ct)
    {
        EnableTwoFactor.Response? enabled = null;
        if (await TryAsync(async () => enabled = await sender.Send(new EnableTwoFactor.Command(code), ct)))
        {
            await SignInAgainAsync();
            RecoveryCodes = enabled!.RecoveryCodes;
        }
        else
        {
            // Keep showing the key set up a moment ago, so a mistyped code can simply be entered again.
            if (await users.GetUserAsync(User) is { } user && await users.GetAuthenticatorKeyAsync(user) is { } key)
                Setup = new SetUpTwoFactor.Response(key, "");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? currentPassword, CancellationToken ct)
    {
        if (await TryAsync(() => sender.Send(new DisableTwoFactor.Command(currentPassword), ct).AsTask()))
        {
            await SignInAgainAsync();
            Flash = Texts.TwoFactorDisabledFlash;
            return RedirectToPage();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await OnGetAsync();
        return Page();
    }

    /// <summary>Each step rotated the security stamp: this browser's cookie is renewed, every other session ends.</summary>
    private async Task SignInAgainAsync()
    {
        if (await users.GetUserAsync(User) is { } user) await signIn.SignInAsync(user, isPersistent: false);
    }
}
