using ConsultDesk.Features.Users;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>Admins add users, set their roles, disable and enable them, and send password reset links.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class UsersModel(ISender sender) : DeskPage
{
    public IReadOnlyList<UserModel> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = (await sender.Send(new ListUsers.Query(), ct)).Items;

    public Task<IActionResult> OnPostAsync(string? email, string? displayName, string? password, string[]? roles, CancellationToken ct) =>
        RunAsync(() => sender.Send(new CreateUser.Command(email, displayName, password, roles ?? []), ct).AsTask(), Texts.UsersCreated, ct);

    public Task<IActionResult> OnPostRolesAsync(Guid id, string[]? roles, CancellationToken ct) =>
        RunAsync(() => sender.Send(new ChangeUserRoles.Command(id, roles ?? []), ct).AsTask(), Texts.UsersRolesSaved, ct);

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => sender.Send(new DisableUser.Command(id), ct).AsTask(), Texts.UsersDisabledFlash, ct);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => sender.Send(new EnableUser.Command(id), ct).AsTask(), Texts.UsersEnabledFlash, ct);

    public Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => sender.Send(new SendPasswordReset.Command(id), ct).AsTask(), Texts.UsersResetSent, ct);

    public Task<IActionResult> OnPostResetTwoFactorAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => sender.Send(new ResetTwoFactor.Command(id), ct).AsTask(), Texts.UsersTwoFactorResetFlash, ct);

    private async Task<IActionResult> RunAsync(Func<Task> action, string done, CancellationToken ct)
    {
        if (await TryAsync(action))
        {
            Flash = done;
            return RedirectToPage();
        }
        await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
