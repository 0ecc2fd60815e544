using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.PostalCodes;

namespace ConsultDesk.UnitTests.Domain;

public sealed class PostalCodeDirectoryTests
{
    private static readonly LocalGovernmentDirectory Governments = LocalGovernmentDirectory.LoadEmbedded();
    private static readonly PostalCodeDirectory PostalCodes = new(Governments);

    [Theory]
    [InlineData("100-0014")]
    [InlineData("1000014")]
    [InlineData("１００－００１４")]
    public void Nagatacho_is_in_chiyoda_tokyo_however_the_code_is_typed(string typed)
    {
        var address = Assert.Single(PostalCodes.Find(typed));

        Assert.Equal(new PostalAddress("1000014", "13", "131016", "千代田区", "永田町"), address);
    }

    [Fact]
    public void A_ward_of_a_designated_city_keeps_the_wards_code_and_master_name()
    {
        var address = Assert.Single(PostalCodes.Find("060-0042"));

        Assert.Equal(("01", "011011", "札幌市中央区", "大通西"), (address.PrefectureCode, address.MunicipalityCode, address.Municipality, address.Town));
    }

    [Fact]
    public void A_county_town_is_named_as_the_municipality_master_names_it()
    {
        // KEN_ALL writes 北群馬郡榛東村; the picker and the master say 榛東村.
        var address = PostalCodes.Find("370-3503");

        Assert.NotEmpty(address);
        Assert.All(address, a => Assert.Equal(("103446", "榛東村"), (a.MunicipalityCode, a.Municipality)));
    }

    [Fact]
    public void A_building_code_is_found_through_its_five_digit_prefix()
    {
        var address = Assert.Single(PostalCodes.Find("100-6090"));

        Assert.Equal(("131016", "霞が関霞が関ビル"), (address.MunicipalityCode, address.Town));
    }

    [Fact]
    public void A_code_with_no_town_gives_its_municipality_with_an_empty_town()
    {
        var address = Assert.Single(PostalCodes.Find("100-0000"));

        Assert.Equal(("131016", ""), (address.MunicipalityCode, address.Town));
    }

    [Theory]
    [InlineData("000-0000")]
    [InlineData("12345")]
    [InlineData("abc")]
    [InlineData(null)]
    public void An_unknown_or_malformed_code_finds_nothing(string? typed) => Assert.Empty(PostalCodes.Find(typed));

    [Fact]
    public void The_table_is_whole_and_its_municipalities_match_the_code_master()
    {
        Assert.InRange(PostalCodes.Count, 110_000, 140_000);
        // Every municipality code in the table has a valid check digit; nearly all are in the master (KEN_ALL also has
        // the Northern Territories villages, which the master leaves out).
        var samples = new[] { "0600000", "9800000", "5300001", "8100001", "9000001", "0400001" };
        foreach (var code in samples)
        {
            var address = PostalCodes.Find(code);
            Assert.NotEmpty(address);
            Assert.All(address, a => Assert.NotNull(Governments.Find(a.MunicipalityCode)));
        }
    }
}
