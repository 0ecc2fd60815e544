using ConsultDesk.Features.SavedViews;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>The user's saved queue views: open, rename, delete (saving happens on the queue, from its current filters).</summary>
public sealed class ViewsModel(ISender sender) : DeskPage
{
    public IReadOnlyList<ListSavedViews.Item> Views { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Views = (await sender.Send(new ListSavedViews.Query(), cancellationToken)).Items;

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? name, CancellationToken cancellationToken)
    {
        if (await TryAsync(async () => await sender.Send(new RenameSavedView.Command(id, name), cancellationToken)))
        {
            Flash = Texts.ViewsRenamed;
            return RedirectToPage();
        }
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await TryAsync(async () => await sender.Send(new DeleteSavedView.Command(id), cancellationToken)))
        {
            Flash = Texts.ViewsDeleted;
            return RedirectToPage();
        }
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
