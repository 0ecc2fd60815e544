using ConsultDesk.Domain;
using ConsultDesk.Features.Inbound;
using ConsultDesk.Mail.Inbound;

namespace ConsultDesk.UnitTests.Inbound;

/// <summary>How a mail that answers no case becomes the inquiry of a new case of type other.</summary>
public sealed class InboundInquiryTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc);

    private static InboundMessage Mail(string? name, string address, string subject, string text) => new()
    {
        Key = "k@example.jp",
        FromAddress = address,
        FromName = name,
        Subject = subject,
        Text = text,
        NewText = text,
    };

    [Fact]
    public void A_Japanese_mail_opens_an_other_case_in_Japanese_with_the_name_as_written()
    {
        var inquiry = PollMailbox.ToInquiry(Mail("山田 太郎", "Yamada@Example.jp", "移住の相談", "移住について教えてください。"), Now);

        Assert.Equal(InquirerType.Other, inquiry.InquirerType);
        Assert.Equal(InquiryLanguage.Ja, inquiry.Language);
        Assert.Equal(("山田", "太郎"), (inquiry.FamilyName, inquiry.GivenName));
        Assert.Equal("Yamada@Example.jp", inquiry.Email);
        Assert.Equal(["other"], inquiry.Topics);
        Assert.Equal(ContactChannel.Email, inquiry.PreferredChannel);
        Assert.Equal("00", inquiry.PrefectureCode);
        Assert.Equal("移住の相談", inquiry.Subject);
        Assert.Equal("移住について教えてください。", inquiry.Message);
    }

    [Fact]
    public void A_clearly_English_mail_opens_an_English_case_given_name_first()
    {
        var inquiry = PollMailbox.ToInquiry(Mail("Alex Smith", "alex@example.com", "Relocating", "Which subsidies apply to me?"), Now);

        Assert.Equal(InquiryLanguage.En, inquiry.Language);
        Assert.Equal(("Smith", "Alex"), (inquiry.FamilyName, inquiry.GivenName));
    }

    [Fact]
    public void No_name_uses_the_address_and_no_subject_says_so_in_the_cases_language()
    {
        var inquiry = PollMailbox.ToInquiry(Mail(null, "kato@example.jp", "", "相談です。"), Now);

        Assert.Equal(("kato", ""), (inquiry.FamilyName, inquiry.GivenName));
        Assert.Equal("(件名なし)", inquiry.Subject);
    }

    [Theory]
    [InlineData("Hello, I would like to ask about telework.", true)]
    [InlineData("Hello, テレワークについて", false)]
    [InlineData("ok", false)]
    [InlineData("ＡＢＣ full width letters are Japanese typing", false)]
    public void English_only_when_clearly_so(string text, bool english) =>
        Assert.Equal(english, PollMailbox.LooksEnglish(text));
}
