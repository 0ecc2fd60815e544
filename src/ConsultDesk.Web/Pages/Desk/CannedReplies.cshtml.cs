using ConsultDesk.Domain.Users;
using ConsultDesk.Features.CannedReplies;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>The canned replies a staff member uses: the shared ones (kept by admins) and their own, with add, edit and delete.</summary>
public sealed class CannedRepliesModel(ISender sender) : DeskPage
{
    public IReadOnlyList<ListCannedReplies.Item> Items { get; private set; } = [];
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>What was typed into a refused form, shown again.</summary>
    public Guid? EditingId { get; private set; }
    public string? Name { get; private set; }
    public string? Body { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Items = await sender.Send(new ListCannedReplies.Query(), ct);

    public Task<IActionResult> OnPostSaveAsync(Guid? id, string? name, string? body, bool shared, CancellationToken ct) =>
        Act(() => sender.Send(new SaveCannedReply.Command(id, name, body, shared), ct).AsTask(), Texts.CannedSaved, id, name, body, ct);

    public Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        Act(() => sender.Send(new DeleteCannedReply.Command(id), ct).AsTask(), Texts.CannedDeleted, null, null, null, ct);

    private async Task<IActionResult> Act(Func<Task> action, string done, Guid? id, string? name, string? body, CancellationToken ct)
    {
        var ok = false;
        try
        {
            ok = await TryAsync(action);
        }
        catch (ConsultDesk.Common.NotFoundException)
        {
            Error = Texts.CannedNotFound;
        }
        if (ok)
        {
            Flash = done;
            return RedirectToPage();
        }
        (EditingId, Name, Body) = (id, name, body);
        await OnGetAsync(ct);
        Response.StatusCode = Error == Texts.CannedNotFound ? StatusCodes.Status404NotFound
            : Error == Texts.ProblemForbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
