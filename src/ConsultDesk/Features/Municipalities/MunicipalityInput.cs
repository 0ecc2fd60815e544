using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Resources;
using FluentValidation;

namespace ConsultDesk.Features.Municipalities;

/// <summary>A whole municipality profile as the editor, the API's PUT body and a CSV row group give it.</summary>
public sealed record MunicipalityInput
{
    public string? Name { get; init; }
    /// <summary>Empty takes the reading from the local-government directory.</summary>
    public string? NameKana { get; init; }
    public string? ContactDepartment { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> WelcomedIndustries { get; init; } = [];
    public IReadOnlyList<string> WelcomedCompanySizes { get; init; } = [];
    public bool WelcomesWorkation { get; init; }
    public bool WelcomesRelocation { get; init; }
    public bool IsPublished { get; init; }
    public bool IsSample { get; init; }
    public IReadOnlyList<OfficeInput> Offices { get; init; } = [];
    public IReadOnlyList<IncentiveInput> Incentives { get; init; } = [];

    public static MunicipalityInput From(MunicipalityProfile p) => new()
    {
        Name = p.Name, NameKana = p.NameKana, ContactDepartment = p.ContactDepartment, ContactEmail = p.ContactEmail,
        ContactPhone = p.ContactPhone, Description = p.Description, WelcomedIndustries = p.WelcomedIndustries,
        WelcomedCompanySizes = p.WelcomedCompanySizes, WelcomesWorkation = p.WelcomesWorkation, WelcomesRelocation = p.WelcomesRelocation,
        IsPublished = p.IsPublished, IsSample = p.IsSample,
        Offices = [.. InOrder(p.Offices).Select(o => new OfficeInput
        {
            Name = o.Name, Address = o.Address, Seats = o.Seats, AvailableSeats = o.AvailableSeats, MonthlyFeePerSeat = o.MonthlyFeePerSeat,
            BandwidthMbps = o.BandwidthMbps, MeetingRooms = o.MeetingRooms, OpeningHours = o.OpeningHours, TravelMinutesFromTokyo = o.TravelMinutesFromTokyo,
        })],
        Incentives = [.. InOrder(p.Incentives).Select(i => new IncentiveInput
        {
            Name = i.Name, Kind = i.Kind, CapYen = i.CapYen, Rate = i.Rate, Eligibility = i.Eligibility,
            AvailableFrom = i.AvailableFrom, AvailableUntil = i.AvailableUntil,
        })],
    };

    /// <summary>Offices in name order: the table keeps no position, so this is what makes reads and exports stable on every database.</summary>
    public static IEnumerable<SatelliteOffice> InOrder(IEnumerable<SatelliteOffice> offices) =>
        offices.OrderBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Address, StringComparer.Ordinal).ThenBy(o => o.Id);

    public static IEnumerable<Incentive> InOrder(IEnumerable<Incentive> incentives) =>
        incentives.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Kind).ThenBy(i => i.Id);

    /// <summary>Creates or fully replaces the profile for <paramref name="code"/> (the input must be valid).</summary>
    public MunicipalityProfile ApplyTo(MunicipalityProfile? profile, string code, LocalGovernmentDirectory directory, DateTime nowUtc)
    {
        var prefecture = Prefecture.Find(LocalGovernmentCode.PrefectureCodeOf(code))!;
        profile ??= MunicipalityProfile.Create(code, prefecture.Code, prefecture.Region, nowUtc);
        var kana = string.IsNullOrWhiteSpace(NameKana) ? directory.Find(code)?.NameKana ?? "" : NameKana.Trim();
        profile.Update(
            new MunicipalityDetails(Name!.Trim(), kana, ContactDepartment!.Trim(), ContactEmail!.Trim(), Blank(ContactPhone), Blank(Description),
                WelcomedIndustries, WelcomedCompanySizes, WelcomesWorkation, WelcomesRelocation, IsPublished, IsSample),
            Offices.Select(o => SatelliteOffice.Create(code, o.Name!.Trim(), o.Address!.Trim(), o.Seats, o.AvailableSeats, o.MonthlyFeePerSeat,
                o.BandwidthMbps, o.MeetingRooms, o.OpeningHours?.Trim() ?? "", o.TravelMinutesFromTokyo)).ToList(),
            Incentives.Select(i => Incentive.Create(code, i.Name!.Trim(), i.Kind!.Value, i.CapYen, Blank(i.Rate), i.Eligibility?.Trim() ?? "",
                i.AvailableFrom, i.AvailableUntil)).ToList(),
            nowUtc);
        return profile;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record OfficeInput
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public int Seats { get; init; }
    public int AvailableSeats { get; init; }
    public int MonthlyFeePerSeat { get; init; }
    public int BandwidthMbps { get; init; }
    public int MeetingRooms { get; init; }
    public string? OpeningHours { get; init; }
    public int TravelMinutesFromTokyo { get; init; }
}

public sealed record IncentiveInput
{
    public string? Name { get; init; }
    public IncentiveKind? Kind { get; init; }
    public long? CapYen { get; init; }
    public string? Rate { get; init; }
    public string? Eligibility { get; init; }
    public DateOnly? AvailableFrom { get; init; }
    public DateOnly? AvailableUntil { get; init; }
}

/// <summary>The one set of rules a profile must meet, whether it comes from the editor, the API or a CSV file.</summary>
public sealed class MunicipalityInputValidator : AbstractValidator<MunicipalityInput>
{
    public static readonly IReadOnlyList<string> CompanySizes = ["small", "medium", "large"];

    public MunicipalityInputValidator()
    {
        RuleFor(m => m.Name).Required(() => Texts.MunicipalityFieldName).SingleLine(100, () => Texts.MunicipalityFieldName);
        RuleFor(m => m.NameKana).SingleLine(100, () => Texts.MunicipalityFieldNameKana);
        RuleFor(m => m.ContactDepartment).Required(() => Texts.MunicipalityFieldDepartment).SingleLine(200, () => Texts.MunicipalityFieldDepartment);
        RuleFor(m => m.ContactEmail).Required(() => Texts.FieldEmail).MaximumLength(254).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldEmail, 254))
            .Must(e => e is null || EmailAddress.IsValid(e.Trim())).WithMessage(_ => Texts.Email);
        RuleFor(m => m.ContactPhone).SingleLine(20, () => Texts.FieldPhone);
        RuleFor(m => m.Description).MaximumLength(4000).WithMessage(_ => string.Format(Texts.TooLong, Texts.MunicipalityFieldDescription, 4000));
        RuleForEach(m => m.WelcomedIndustries).Must(Industry.IsKnown).WithMessage(_ => Texts.Industry);
        RuleForEach(m => m.WelcomedCompanySizes).Must(s => CompanySizes.Contains(s)).WithMessage(_ => Texts.MunicipalityCompanySize);
        RuleFor(m => m.Offices.Count).LessThanOrEqualTo(50).WithMessage(_ => string.Format(Texts.MunicipalityTooMany, 50));
        RuleFor(m => m.Incentives.Count).LessThanOrEqualTo(50).WithMessage(_ => string.Format(Texts.MunicipalityTooMany, 50));
        RuleForEach(m => m.Offices).ChildRules(office =>
        {
            office.RuleFor(o => o.Name).Required(() => Texts.MunicipalityFieldOfficeName).SingleLine(200, () => Texts.MunicipalityFieldOfficeName);
            office.RuleFor(o => o.Address).Required(() => Texts.MunicipalityFieldAddress).SingleLine(300, () => Texts.MunicipalityFieldAddress);
            office.RuleFor(o => o.Seats).InclusiveBetween(0, 10_000).WithMessage(_ => string.Format(Texts.MunicipalityRange, Texts.MunicipalityFieldSeats, 0, 10_000));
            office.RuleFor(o => o.AvailableSeats).GreaterThanOrEqualTo(0).WithMessage(_ => string.Format(Texts.MunicipalityRange, Texts.MunicipalityFieldAvailableSeats, 0, 10_000))
                .Must((o, available) => available <= o.Seats).WithMessage(_ => Texts.MunicipalityAvailableAboveSeats);
            office.RuleFor(o => o.MonthlyFeePerSeat).InclusiveBetween(0, 10_000_000).WithMessage(_ => string.Format(Texts.MunicipalityRange, Texts.MunicipalityFieldFee, 0, 10_000_000));
            office.RuleFor(o => o.BandwidthMbps).InclusiveBetween(0, 100_000).WithMessage(_ => string.Format(Texts.MunicipalityRange, Texts.MunicipalityFieldBandwidth, 0, 100_000));
            office.RuleFor(o => o.MeetingRooms).InclusiveBetween(0, 1_000).WithMessage(_ => string.Format(Texts.MunicipalityRange, Texts.MunicipalityFieldMeetingRooms, 0, 1_000));
            office.RuleFor(o => o.OpeningHours).SingleLine(200, () => Texts.MunicipalityFieldHours);
            office.RuleFor(o => o.TravelMinutesFromTokyo).InclusiveBetween(0, 24 * 60).WithMessage(_ => string.Format(Texts.MunicipalityRange, Texts.MunicipalityFieldTravel, 0, 24 * 60));
        });
        RuleForEach(m => m.Incentives).ChildRules(incentive =>
        {
            incentive.RuleFor(i => i.Name).Required(() => Texts.MunicipalityFieldIncentiveName).SingleLine(200, () => Texts.MunicipalityFieldIncentiveName);
            incentive.RuleFor(i => i.Kind).NotNull().WithMessage(_ => Texts.MunicipalityIncentiveKind);
            incentive.RuleFor(i => i.CapYen).GreaterThanOrEqualTo(0).WithMessage(_ => string.Format(Texts.MunicipalityRange, Texts.MunicipalityFieldCap, 0, "∞"));
            incentive.RuleFor(i => i.Rate).SingleLine(50, () => Texts.MunicipalityFieldRate);
            incentive.RuleFor(i => i.Eligibility).MaximumLength(1000).WithMessage(_ => string.Format(Texts.TooLong, Texts.MunicipalityFieldEligibility, 1000));
            incentive.RuleFor(i => i.AvailableUntil).Must((i, until) => i.AvailableFrom is null || until is null || i.AvailableFrom <= until)
                .WithMessage(_ => Texts.MunicipalityPeriodOrder);
        });
    }

}
