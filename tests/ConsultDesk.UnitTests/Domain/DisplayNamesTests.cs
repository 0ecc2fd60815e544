using System.Globalization;
using ConsultDesk.Domain;

namespace ConsultDesk.UnitTests.Domain;

public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("satellite-office", "サテライトオフィスの整備・誘致", "Satellite offices")]
    [InlineData("subsidies", "交付金・補助制度", "Grants and subsidies")]
    [InlineData("matching", "企業と自治体のマッチング", "Matching companies and municipalities")]
    [InlineData("relocation", "移住・関係人口", "Relocation")]
    [InlineData("workation", "ワーケーション", "Workation")]
    [InlineData("telework-rules", "社内テレワーク規程・就業規則", "In-house telework rules")]
    [InlineData("labour-management", "労務管理", "Labour management")]
    [InlineData("ict-security", "ICT・セキュリティ", "ICT and security")]
    [InlineData("office-search", "サテライトオフィス候補地探し", "Finding an office location")]
    [InlineData("action-declaration", "Action宣言・アワード", "Action declaration and award")]
    [InlineData("other", "その他", "Other")]
    [InlineData("unknown-slug", "unknown-slug", "unknown-slug")]
    public void Topic_names_come_in_the_asked_language_whatever_the_UI_culture(string slug, string ja, string en)
    {
        foreach (var ui in new[] { "ja", "en", "fr" })
            WithUiCulture(ui, () =>
            {
                Assert.Equal(ja, TopicNames.Name(slug, english: false));
                Assert.Equal(en, TopicNames.Name(slug, english: true));
            });
    }

    [Fact]
    public void Channel_and_inquirer_type_names_come_in_the_asked_language_whatever_the_UI_culture() =>
        WithUiCulture("en", () =>
        {
            Assert.Equal(new[] { "電話", "オンライン会議", "メール", "対面" },
                Enum.GetValues<ContactChannel>().Select(c => ChannelNames.Name(c, english: false)));
            Assert.Equal(new[] { "Phone", "Online meeting", "Email", "In person" },
                Enum.GetValues<ContactChannel>().Select(c => ChannelNames.Name(c, english: true)));
            Assert.Equal(new[] { "電話", "オンライン会議", "対面" }, Enum.GetValues<ConsultationChannel>().Select(c => ConsultationChannelNames.Name(c, false)));
            Assert.Equal(new[] { "Phone", "Online meeting", "In person" }, Enum.GetValues<ConsultationChannel>().Select(c => ConsultationChannelNames.Name(c, true)));
            Assert.Equal(new[] { "自治体", "企業", "働き手", "その他" }, Enum.GetValues<InquirerType>().Select(t => InquirerTypeNames.Name(t, false)));
            Assert.Equal(new[] { "Municipality", "Company", "Worker", "Other" }, Enum.GetValues<InquirerType>().Select(t => InquirerTypeNames.Name(t, true)));
        });

    private static void WithUiCulture(string culture, Action action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { action(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
