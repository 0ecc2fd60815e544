using ConsultDesk.Common;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<User> signIn, ICurrentUser currentUser, AccountAudit audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/desk");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (currentUser.Id is { } id) await audit.RecordAsync(AccountEventKinds.SignedOut, id, id, ct);
        await signIn.SignOutAsync();
        return Redirect("/signin");
    }
}
