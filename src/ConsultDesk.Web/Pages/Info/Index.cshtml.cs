using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Info;

/// <summary>The portal home: the four kinds with their counts, the newest news and a search over all kinds or one.</summary>
public sealed class InfoIndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public string? Kind { get; set; }

    public GetInfoHome.Model Home { get; private set; } = new([], []);
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        // Searching one kind is its finder's search.
        if (InfoCodes.TryParseKind(Kind, out var kind))
            return Redirect($"/info/{InfoCodes.KindSlug(kind)}{FindInfoItems.QueryString(new FindInfoItems.Query { Kind = kind, Q = q })}");
        if (await InfoCache.IsNotModifiedAsync(this, sender, cancellationToken)) return StatusCode(StatusCodes.Status304NotModified);
        try
        {
            Home = await sender.Send(new GetInfoHome.Query(q, InfoCache.English), cancellationToken);
        }
        catch (ValidationException e)
        {
            InfoCache.Uncached(this);
            Errors = [.. e.Errors.Select(f => f.ErrorMessage)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Q = null;
            Home = await sender.Send(new GetInfoHome.Query(null, InfoCache.English), cancellationToken);
        }
        return Page();
    }

    public string FinderUrl(InfoKind kind) =>
        $"/info/{InfoCodes.KindSlug(kind)}{FindInfoItems.QueryString(new FindInfoItems.Query { Kind = kind, Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim() })}";
}
