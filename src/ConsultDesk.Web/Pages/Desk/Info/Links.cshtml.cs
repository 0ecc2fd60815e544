using ConsultDesk.Common.Queries;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>The editors' list of checked links: broken and redirected by default, filtered by state, 50 a page.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Editor + "," + ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class LinksModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true, Name = "state")] public List<string> State { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public ListInfoLinks.Response Links { get; private set; } = new([], [], null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Unknown states and a cursor that no longer decodes (an old bookmark) are ignored rather than failing the page.
        var states = State.Select(s => Wire.TryParse<LinkState>(s, out var v) ? v : (LinkState?)null).OfType<LinkState>().Distinct().ToList();
        var cursor = Cursor is not null && KeysetCursor.TryDecode(Cursor, out _, out Guid _) ? Cursor : null;
        Links = await sender.Send(new ListInfoLinks.Query { States = states, Cursor = cursor }, ct);
    }

    public string NextHref(string cursor) =>
        "?" + string.Join("&", Links.States.Select(s => "state=" + Wire.Name(s)).Append("cursor=" + Uri.EscapeDataString(cursor)));
}
