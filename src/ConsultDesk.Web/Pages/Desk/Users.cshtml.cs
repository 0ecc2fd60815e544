using ConsultDesk.Features.Users;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class UsersModel(ISender sender) : DeskPage
{
    public IReadOnlyList<UserModel> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = (await sender.Send(new ListUsers.Query(), ct)).Items;

    public async Task<IActionResult> OnPostAsync(string? email, string? displayName, string? password, string[]? roles, CancellationToken ct)
    {
        if (await TryAsync(() => sender.Send(new CreateUser.Command(email, displayName, password, roles ?? []), ct).AsTask()))
        {
            Flash = Texts.UsersCreated;
            return RedirectToPage();
        }
        await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
