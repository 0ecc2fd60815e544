using System.Globalization;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Declarations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>The public list of Action宣言 with its filters; a GET form, so every result is a linkable, cacheable URL.</summary>
public sealed class SengenIndexModel(ISender sender, ConsultDeskDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "prefecture")] public string? Prefecture { get; set; }
    [BindProperty(SupportsGet = true, Name = "industry")] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true, Name = "size")] public string? Size { get; set; }
    [BindProperty(SupportsGet = true, Name = "item")] public string? Item { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }

    public ListPublicDeclarations.Response Result { get; private set; } = new([], null, 0, false);

    /// <summary>The commitment items as admins word them today (code, label), in form order.</summary>
    public IReadOnlyList<(string Code, string Label)> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await SengenCache.IsNotModifiedAsync(this, sender, cancellationToken)) return StatusCode(StatusCodes.Status304NotModified);
        var english = SengenCache.English;
        Items = (await db.DeclarationItems.AsNoTracking().Where(i => i.Kind == DeclarationItemKind.Commitment)
                .OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(cancellationToken))
            .Select(i => (i.Code, $"{i.Marker}{i.Label(english)}")).ToList();
        // Filters a person can mistype are dropped rather than refused: the page still lists what it can.
        var query = new ListPublicDeclarations.Query
        {
            PrefectureCode = Domain.Prefecture.IsValidCode(Prefecture) ? Prefecture : null,
            Industry = Domain.Industry.IsKnown(Industry) ? Industry : null,
            Size = Wire.TryParse<CompanySize>(Size, out var size) ? size : null,
            Item = Items.Any(i => i.Code == Item) ? Item : null,
            Q = Q is { Length: > 0 and <= 100 } q ? q.Trim() : null,
            After = int.TryParse(After, NumberStyles.None, CultureInfo.InvariantCulture, out var after) && after > 0 ? after : null,
        };
        Result = await sender.Send(query, cancellationToken);
        return Page();
    }

    public string ItemLabel(string code) => Items.FirstOrDefault(i => i.Code == code).Label ?? $"【{code}】";

    /// <summary>This page's URL with the current filters and another page position (none: the first page).</summary>
    public string PageUrl(string? after) => "/sengen" + QueryString.Create(new Dictionary<string, string?>
    {
        ["prefecture"] = Prefecture, ["industry"] = Industry, ["size"] = Size, ["item"] = Item, ["q"] = Q, ["after"] = after,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
