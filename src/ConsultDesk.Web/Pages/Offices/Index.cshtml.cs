using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Offices;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Offices;

/// <summary>The public satellite-office directory with its filters; a GET form, so every result is a linkable, cacheable URL.</summary>
public sealed class OfficesIndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "prefecture")] public string? Prefecture { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "seats")] public string? Seats { get; set; }
    [BindProperty(SupportsGet = true, Name = "fee")] public string? Fee { get; set; }
    [BindProperty(SupportsGet = true, Name = "incentive")] public string? Incentive { get; set; }
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }

    public ListOffices.Model Result { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await DirectoryCache.IsNotModifiedAsync(this, sender, cancellationToken)) return StatusCode(StatusCodes.Status304NotModified);
        // Filters a person can mistype are dropped rather than refused: the page still lists what it can.
        var query = new ListOffices.Query
        {
            PrefectureCode = Domain.Prefecture.IsValidCode(Prefecture) ? Prefecture : null,
            Region = Region is not null && ListOffices.Regions.Contains(Region) ? Region : null,
            MinFreeSeats = Number(Seats),
            MaxFeePerSeat = Number(Fee),
            Incentive = Wire.TryParse<IncentiveKind>(Incentive, out var kind) ? kind : null,
            After = After is { Length: 6 } after && after.All(char.IsAsciiDigit) ? after : null,
        };
        Result = await sender.Send(query, cancellationToken);
        return Page();
    }

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>This page's URL with the current filters and another page cursor.</summary>
    public string PageUrl(string after) => "/offices" + QueryString.Create(new Dictionary<string, string?>
    {
        ["prefecture"] = Prefecture, ["region"] = Region, ["seats"] = Seats, ["fee"] = Fee, ["incentive"] = Incentive, ["after"] = after,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
