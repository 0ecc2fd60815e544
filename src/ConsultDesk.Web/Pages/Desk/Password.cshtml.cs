using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Users;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>Every staff member changes their own password; this browser stays signed in, every other session ends.</summary>
public sealed class PasswordModel(ISender sender, UserManager<User> users, SignInManager<User> signIn) : DeskPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, CancellationToken ct)
    {
        if (await TryAsync(() => sender.Send(new ChangeOwnPassword.Command(currentPassword, newPassword), ct).AsTask()))
        {
            // The stamp rotated, so this browser's cookie is stale too: sign it in again with the new stamp.
            if (await users.GetUserAsync(User) is { } user) await signIn.SignInAsync(user, isPersistent: false);
            Flash = Texts.PasswordChanged;
            return RedirectToPage();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
