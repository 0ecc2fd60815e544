using ConsultDesk.Domain;
using ConsultDesk.Mail;

namespace ConsultDesk.UnitTests.Mail;

public sealed class MailTemplatesTests
{
    private static Dictionary<string, object?> Model(string subject) => new()
    {
        ["reference"] = "CD-2026-000042",
        ["contact_name"] = "髙橋 𠮷子",
        ["organization_name"] = "㈱サンプル",
        ["submitted_at"] = "2026年11月26日 10:00",
        ["topics"] = "サテライトオフィスの整備・誘致",
        ["preferred_channel"] = "電話",
        ["subject"] = subject,
        ["message"] = "一行目\n二行目",
        ["public_base_url"] = "https://desk.example.jp",
        ["first_response_due"] = "2026年11月30日 10:00",
        ["portal_url"] = "https://desk.example.jp/portal/TOKEN",
    };

    [Fact]
    public void The_japanese_acknowledgement_has_the_reference_in_its_subject_and_repeats_none_of_the_inquiry()
    {
        var mail = new MailTemplates().Render("acknowledgement", InquiryLanguage.Ja, Model("①②③の相談"));

        Assert.Equal("【地方創生テレワーク相談窓口】お問い合わせを受け付けました（CD-2026-000042）", mail.Subject);
        Assert.StartsWith("ご相談者 様\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("受付番号：CD-2026-000042", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("遅くとも 2026年11月30日 10:00 までに", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://desk.example.jp/portal/TOKEN", mail.TextBody, StringComparison.Ordinal);
        // Even handed the inquiry's text, the shipped wording uses none of it.
        foreach (var typed in new[] { "①②③", "一行目", "髙橋", "㈱サンプル" })
            Assert.DoesNotContain(typed, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_acknowledgement_is_english()
    {
        var mail = new MailTemplates().Render("acknowledgement", InquiryLanguage.En, Model("Question <b>&</b>"));

        Assert.Equal("[Regional Revitalisation Telework Desk] We have received your inquiry (CD-2026-000042)", mail.Subject);
        Assert.StartsWith("Dear inquirer,\n", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Question", mail.TextBody, StringComparison.Ordinal);
    }
}
