using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Municipalities;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>
/// Edits one profile as a plain form: offices and incentives are repeated rows with one blank row each to add
/// another (a row whose name is left empty is dropped). Saving sends the same command as PUT, with the version read.
/// </summary>
public sealed class MunicipalityModel(ISender sender) : DeskPage
{
    public string Code { get; private set; } = "";
    public bool IsNew { get; private set; }
    public string? DirectoryName { get; private set; }

    [BindProperty] public ProfileForm Form { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, [FromServices] Domain.LocalGovernments.LocalGovernmentDirectory directory, CancellationToken ct)
    {
        Code = code;
        DirectoryName = directory.Find(code)?.Name;
        try
        {
            var model = await sender.Send(new GetMunicipality.Query(code), ct);
            Form = ProfileForm.From(model.Profile);
            Version = model.Version;
        }
        catch (NotFoundException)
        {
            if (!LocalGovernmentCode.IsValid(code)) return NotFound();
            IsNew = true;
            Form = new ProfileForm { Name = DirectoryName };
        }
        Form.AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, [FromServices] Domain.LocalGovernments.LocalGovernmentDirectory directory, CancellationToken ct)
    {
        Code = code;
        DirectoryName = directory.Find(code)?.Name;
        IsNew = Version == 0;
        if (await TryAsync(() => sender.Send(new SaveMunicipality.Command(code, Form.ToInput()) { ExpectedVersion = Version }, ct).AsTask()))
        {
            Flash = Texts.MunicipalitySaved;
            return Redirect($"/desk/municipalities/{code}");
        }
        Form.AddBlankRows();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string? ErrorFor(string property) => FieldErrors.GetValueOrDefault(property);

    /// <summary>
    /// The messages of one office or incentive row (keys such as <c>offices[0].seats</c>), shown under that row. A refused
    /// save shows the rows that were sent, in order, so the validator's row numbers are the rows on the page.
    /// </summary>
    public IReadOnlyList<string> RowErrors(string row) =>
        [.. FieldErrors.Where(e => e.Key.StartsWith(row + ".", StringComparison.OrdinalIgnoreCase)).Select(e => e.Value)];

    public sealed class ProfileForm
    {
        public string? Name { get; set; }
        public string? NameKana { get; set; }
        public string? ContactDepartment { get; set; }
        public string? ContactEmail { get; set; }
        public string? ContactPhone { get; set; }
        public string? Description { get; set; }
        public List<string> WelcomedIndustries { get; set; } = [];
        public List<string> WelcomedCompanySizes { get; set; } = [];
        public bool WelcomesWorkation { get; set; }
        public bool WelcomesRelocation { get; set; }
        public bool IsPublished { get; set; }
        public bool IsSample { get; set; }
        public List<OfficeRow> Offices { get; set; } = [];
        public List<IncentiveRow> Incentives { get; set; } = [];

        public static ProfileForm From(MunicipalityInput p) => new()
        {
            Name = p.Name, NameKana = p.NameKana, ContactDepartment = p.ContactDepartment, ContactEmail = p.ContactEmail, ContactPhone = p.ContactPhone,
            Description = p.Description, WelcomedIndustries = [.. p.WelcomedIndustries], WelcomedCompanySizes = [.. p.WelcomedCompanySizes],
            WelcomesWorkation = p.WelcomesWorkation, WelcomesRelocation = p.WelcomesRelocation, IsPublished = p.IsPublished, IsSample = p.IsSample,
            Offices = [.. p.Offices.Select(o => new OfficeRow
            {
                Name = o.Name, Address = o.Address, Seats = o.Seats, AvailableSeats = o.AvailableSeats, MonthlyFeePerSeat = o.MonthlyFeePerSeat,
                BandwidthMbps = o.BandwidthMbps, MeetingRooms = o.MeetingRooms, OpeningHours = o.OpeningHours, TravelMinutesFromTokyo = o.TravelMinutesFromTokyo,
            })],
            Incentives = [.. p.Incentives.Select(i => new IncentiveRow
            {
                Name = i.Name, Kind = i.Kind is { } k ? Wire.Name(k) : null, CapYen = i.CapYen, Rate = i.Rate, Eligibility = i.Eligibility,
                AvailableFrom = i.AvailableFrom, AvailableUntil = i.AvailableUntil,
            })],
        };

        public void AddBlankRows()
        {
            Offices.RemoveAll(o => string.IsNullOrWhiteSpace(o.Name));
            Incentives.RemoveAll(i => string.IsNullOrWhiteSpace(i.Name));
            Offices.Add(new OfficeRow());
            Incentives.Add(new IncentiveRow());
        }

        public MunicipalityInput ToInput() => new()
        {
            Name = Name, NameKana = NameKana, ContactDepartment = ContactDepartment, ContactEmail = ContactEmail, ContactPhone = ContactPhone,
            Description = Description, WelcomedIndustries = WelcomedIndustries, WelcomedCompanySizes = WelcomedCompanySizes,
            WelcomesWorkation = WelcomesWorkation, WelcomesRelocation = WelcomesRelocation, IsPublished = IsPublished, IsSample = IsSample,
            Offices = [.. Offices.Where(o => !string.IsNullOrWhiteSpace(o.Name)).Select(o => new OfficeInput
            {
                Name = o.Name, Address = o.Address, Seats = o.Seats, AvailableSeats = o.AvailableSeats, MonthlyFeePerSeat = o.MonthlyFeePerSeat,
                BandwidthMbps = o.BandwidthMbps, MeetingRooms = o.MeetingRooms, OpeningHours = o.OpeningHours, TravelMinutesFromTokyo = o.TravelMinutesFromTokyo,
            })],
            Incentives = [.. Incentives.Where(i => !string.IsNullOrWhiteSpace(i.Name)).Select(i => new IncentiveInput
            {
                Name = i.Name, Kind = Wire.TryParse<IncentiveKind>(i.Kind, out var kind) ? kind : null, CapYen = i.CapYen, Rate = i.Rate,
                Eligibility = i.Eligibility, AvailableFrom = i.AvailableFrom, AvailableUntil = i.AvailableUntil,
            })],
        };
    }

    public sealed class OfficeRow
    {
        public string? Name { get; set; }
        public string? Address { get; set; }
        public int Seats { get; set; }
        public int AvailableSeats { get; set; }
        public int MonthlyFeePerSeat { get; set; }
        public int BandwidthMbps { get; set; }
        public int MeetingRooms { get; set; }
        public string? OpeningHours { get; set; }
        public int TravelMinutesFromTokyo { get; set; }
    }

    public sealed class IncentiveRow
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public long? CapYen { get; set; }
        public string? Rate { get; set; }
        public string? Eligibility { get; set; }
        public DateOnly? AvailableFrom { get; set; }
        public DateOnly? AvailableUntil { get; set; }
    }
}
