using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>Every portal item in every status, newest change first, filtered by kind and status; "new" per kind.</summary>
[Authorize(Roles = EditorRoles)]
public sealed class IndexModel(ISender sender) : InfoDeskPage
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(Name = "page", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public ListInfoItems.Response Result { get; private set; } = new([], 1, 0, false);

    public async Task OnGetAsync(CancellationToken ct)
    {
        InfoKind? kind = Wire.TryParse<InfoKind>(Kind, out var k) ? k : null;
        InfoStatus? status = Wire.TryParse<InfoStatus>(Status, out var s) ? s : null;
        Result = await sender.Send(new ListInfoItems.Query(kind, status, PageNumber), ct);
    }

    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Kind)) query.Add("kind=" + Uri.EscapeDataString(Kind));
        if (!string.IsNullOrEmpty(Status)) query.Add("status=" + Uri.EscapeDataString(Status));
        query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/desk/info?" + string.Join('&', query);
    }
}
