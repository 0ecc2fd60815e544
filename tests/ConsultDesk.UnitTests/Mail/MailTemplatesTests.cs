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
    };

    [Fact]
    public void The_japanese_acknowledgement_has_the_reference_in_its_subject_and_the_inquiry_in_its_body()
    {
        var mail = new MailTemplates().Render("acknowledgement", InquiryLanguage.Ja, Model("①②③の相談"));

        Assert.Equal("【地方創生テレワーク相談窓口】お問い合わせを受け付けました（CD-2026-000042）", mail.Subject);
        Assert.StartsWith("㈱サンプル\n髙橋 𠮷子 様", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("件名：①②③の相談", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("一行目\n二行目", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("&", mail.TextBody, StringComparison.Ordinal); // plain text: nothing HTML-encoded
    }

    [Fact]
    public void The_english_acknowledgement_is_english()
    {
        var mail = new MailTemplates().Render("acknowledgement", InquiryLanguage.En, Model("Question <b>&</b>"));

        Assert.Equal("[Regional Revitalisation Telework Desk] We have received your inquiry (CD-2026-000042)", mail.Subject);
        Assert.Contains("Subject: Question <b>&</b>", mail.TextBody, StringComparison.Ordinal);
    }
}
