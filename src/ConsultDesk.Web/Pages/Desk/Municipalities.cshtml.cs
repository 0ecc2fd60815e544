using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Municipalities;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>The profile list (the same query as GET /api/v1/municipalities), CSV download and the CSV upload form.</summary>
public sealed class MunicipalitiesModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public string? Prefecture { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public bool HasFreeSeats { get; set; }
    [BindProperty(SupportsGet = true)] public string? IncentiveKind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Published { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public ListMunicipalities.Response Result { get; private set; } = new([], null);
    public IReadOnlyList<MunicipalityCsv.RowError> ImportErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        IncentiveKind? kind = Wire.TryParse<IncentiveKind>(IncentiveKind, out var parsed) ? parsed : null;
        var query = new ListMunicipalities.Query
        {
            Prefecture = Empty(Prefecture), Region = Empty(Region), HasFreeSeats = HasFreeSeats ? true : null, IncentiveKind = kind,
            Published = Published switch { "true" => true, "false" => false, _ => null }, Q = Empty(Q), After = Empty(After),
        };
        await TryAsync(async () => Result = await sender.Send(query, ct));
    }

    public IActionResult OnGetOpen(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) ? Redirect($"/desk/municipalities/{code}") : RedirectToPage();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await sender.Send(new ExportMunicipalities.Query(), ct), "text/csv; charset=utf-8", "municipalities.csv");

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) Error = Texts.MunicipalityCsvNoFile;
        else if (file.Length > MunicipalityCsv.MaxBytes) Error = string.Format(Texts.ProblemTooLarge, MunicipalityCsv.MaxBytes / 1024);
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            ImportMunicipalities.Response? response = null;
            if (await TryAsync(async () => response = await sender.Send(new ImportMunicipalities.Command(buffer.ToArray()), ct)) && response!.Succeeded)
            {
                Flash = string.Format(Texts.MunicipalityImported, response.Created, response.Replaced, response.Offices, response.Incentives);
                return RedirectToPage();
            }
            if (response is not null)
            {
                ImportErrors = response.Errors;
                Error = Texts.MunicipalityImportFailed;
            }
        }
        await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string NextPageUrl() =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["prefecture"] = Empty(Prefecture), ["region"] = Empty(Region), ["hasFreeSeats"] = HasFreeSeats ? "true" : null,
            ["incentiveKind"] = Empty(IncentiveKind), ["published"] = Empty(Published), ["q"] = Empty(Q), ["after"] = Result.Next,
        }.Where(p => p.Value is not null)).ToUriComponent() is var qs ? "/desk/municipalities" + qs : "";

    public static string RegionName(string region) => region switch
    {
        "hokkaido" => Texts.MunicipalityRegionHokkaido, "tohoku" => Texts.MunicipalityRegionTohoku, "kanto" => Texts.MunicipalityRegionKanto,
        "chubu" => Texts.MunicipalityRegionChubu, "kinki" => Texts.MunicipalityRegionKinki, "chugoku" => Texts.MunicipalityRegionChugoku,
        "shikoku" => Texts.MunicipalityRegionShikoku, _ => Texts.MunicipalityRegionKyushuOkinawa,
    };

    public static string KindName(IncentiveKind kind) => kind switch
    {
        Domain.Matching.IncentiveKind.Subsidy => Texts.MunicipalityKindSubsidy, Domain.Matching.IncentiveKind.Tax => Texts.MunicipalityKindTax,
        Domain.Matching.IncentiveKind.Housing => Texts.MunicipalityKindHousing, _ => Texts.MunicipalityKindOther,
    };

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
