using ConsultDesk.Features.Award;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Award;

/// <summary>/award: the years whose results are public, each linking to /award/{year}.</summary>
public sealed class AwardIndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListPublishedAwardRounds.Round> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rounds = await sender.Send(new ListPublishedAwardRounds.Query(), cancellationToken);
        Response.Headers.CacheControl = User.Identity?.IsAuthenticated == true ? "private, no-cache" : GetPublicAwardResults.PublicCacheControl;
        Response.Headers.Vary = "Cookie, Accept-Language";
    }
}
