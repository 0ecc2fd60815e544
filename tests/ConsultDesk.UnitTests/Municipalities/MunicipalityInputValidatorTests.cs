using System.Globalization;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Municipalities;

namespace ConsultDesk.UnitTests.Municipalities;

public sealed class MunicipalityInputValidatorTests
{
    private static readonly MunicipalityInput Valid = new()
    {
        Name = "神山町", ContactDepartment = "企画課", ContactEmail = "kikaku@example.jp", WelcomedIndustries = ["G"], WelcomedCompanySizes = ["small"],
        Offices = [new OfficeInput { Name = "神山サテライト", Address = "徳島県名西郡神山町1-1", Seats = 10, AvailableSeats = 4, MonthlyFeePerSeat = 5000, BandwidthMbps = 1000, TravelMinutesFromTokyo = 220 }],
        Incentives = [new IncentiveInput { Name = "開設補助金", Kind = IncentiveKind.Subsidy, CapYen = 1_000_000, AvailableFrom = new(2026, 4, 1), AvailableUntil = new(2027, 3, 31) }],
    };

    public MunicipalityInputValidatorTests() => CultureInfo.CurrentUICulture = new CultureInfo("ja");

    private static IEnumerable<string> Failures(MunicipalityInput input) =>
        new MunicipalityInputValidator().Validate(input).Errors.Select(e => e.PropertyName);

    [Fact]
    public void A_complete_profile_is_valid() => Assert.Empty(Failures(Valid));

    [Fact]
    public void Name_department_and_a_real_email_are_required() =>
        Assert.Equal(["Name", "ContactDepartment", "ContactEmail"], Failures(Valid with { Name = " ", ContactDepartment = null, ContactEmail = "not-an-email" }));

    [Fact]
    public void Unknown_industries_and_sizes_are_refused() =>
        Assert.Equal(["WelcomedIndustries[1]", "WelcomedCompanySizes[0]"], Failures(Valid with { WelcomedIndustries = ["G", "Z"], WelcomedCompanySizes = ["huge"] }));

    [Fact]
    public void Office_numbers_must_make_sense()
    {
        var office = Valid.Offices[0] with { Seats = 3, AvailableSeats = 4, MonthlyFeePerSeat = -1, BandwidthMbps = -5, MeetingRooms = -1, TravelMinutesFromTokyo = -1 };

        Assert.Equal(["Offices[0].AvailableSeats", "Offices[0].MonthlyFeePerSeat", "Offices[0].BandwidthMbps", "Offices[0].MeetingRooms", "Offices[0].TravelMinutesFromTokyo"],
            Failures(Valid with { Offices = [office] }));
    }

    [Fact]
    public void An_incentive_needs_a_kind_a_non_negative_cap_and_a_period_in_order()
    {
        var incentive = Valid.Incentives[0] with { Kind = null, CapYen = -1, AvailableFrom = new(2027, 4, 1), AvailableUntil = new(2027, 3, 31) };

        Assert.Equal(["Incentives[0].Kind", "Incentives[0].CapYen", "Incentives[0].AvailableUntil"], Failures(Valid with { Incentives = [incentive] }));
    }

    [Fact]
    public void The_save_command_refuses_a_code_with_a_wrong_check_digit()
    {
        var failures = new SaveMunicipality.Validator().Validate(new SaveMunicipality.Command("363420", Valid)).Errors;

        Assert.Equal("Code", Assert.Single(failures).PropertyName);
        Assert.Empty(new SaveMunicipality.Validator().Validate(new SaveMunicipality.Command("363421", Valid)).Errors);
    }
}
