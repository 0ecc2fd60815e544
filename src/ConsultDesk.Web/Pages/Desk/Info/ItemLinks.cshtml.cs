using ConsultDesk.Common;
using ConsultDesk.Features.Info;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>One item's links with their last verdicts, and 「今すぐ確認」, which checks them now (a plain form post: no script needed).</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Editor + "," + ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class ItemLinksModel(ISender sender) : DeskPage
{
    public ListItemLinks.Response Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Item = await sender.Send(new ListItemLinks.Query(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Item = await sender.Send(new CheckItemLinks.Command(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        // The results are shown at once: the page is the answer to the post.
        CheckedMessage = string.Format(Texts.InfoLinks_Checked, Item.Links.Count);
        return Page();
    }

    public string? CheckedMessage { get; private set; }
}
