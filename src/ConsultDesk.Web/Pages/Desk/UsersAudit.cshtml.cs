using ConsultDesk.Common.Queries;
using ConsultDesk.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>The account audit list: sign-ins and account changes, newest first, 50 a page, with a CSV download.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class UsersAuditModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public ListAccountEvents.Response Events { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A cursor that no longer decodes (an old bookmark) starts from the first page rather than failing.
        var cursor = Cursor is not null && KeysetCursor.TryDecode(Cursor, out _, out Guid _) ? Cursor : null;
        Events = await sender.Send(new ListAccountEvents.Query { Cursor = cursor }, ct);
    }

    public static string Jst(DateTime utc) => CaseModel.Jst(utc);
}
