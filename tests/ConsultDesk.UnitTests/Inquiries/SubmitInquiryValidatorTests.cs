using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Features.Inquiries;
using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.UnitTests.Inquiries;

public sealed class SubmitInquiryValidatorTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
    private readonly SubmitInquiry.Validator validator = new(Clock);

    public SubmitInquiryValidatorTests() => CultureInfo.CurrentUICulture = new CultureInfo("ja");

    internal static SubmitInquiry.Command Valid() => new()
    {
        InquirerType = InquirerType.Municipality,
        Organization = new() { Name = "札幌市", LocalGovernmentCode = "011002", Department = "企画課" },
        Contact = new()
        {
            FamilyName = "髙橋", GivenName = "𠮷子", FamilyNameKana = "たかはし", GivenNameKana = "ﾖｼｺ",
            Email = "taka@example.jp", Phone = "011-222-3333",
        },
        PrefectureCode = "01",
        Topics = [Topic.SatelliteOffice],
        PreferredChannel = ContactChannel.OnlineMeeting,
        Subject = "①②③ ㈱ のご相談",
        Message = "本文\n二行目",
        PrivacyConsent = true,
    };

    [Fact]
    public void A_complete_inquiry_passes() => validator.TestValidate(Valid()).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void A_worker_needs_no_organisation() =>
        validator.TestValidate(Valid() with { InquirerType = InquirerType.Worker, Organization = null }).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void Consent_must_be_given() =>
        validator.TestValidate(Valid() with { PrivacyConsent = false })
            .ShouldHaveValidationErrorFor(c => c.PrivacyConsent).WithErrorMessage("個人情報の取扱いへの同意が必要です。");

    [Fact]
    public void Missing_consent_is_refused_too() =>
        validator.TestValidate(Valid() with { PrivacyConsent = null }).ShouldHaveValidationErrorFor(c => c.PrivacyConsent);

    [Fact]
    public void A_municipality_needs_a_valid_code_of_its_own_prefecture()
    {
        validator.TestValidate(Valid() with { Organization = Valid().Organization! with { LocalGovernmentCode = null } })
            .ShouldHaveValidationErrorFor("Organization.LocalGovernmentCode");
        validator.TestValidate(Valid() with { Organization = Valid().Organization! with { LocalGovernmentCode = "011003" } })
            .ShouldHaveValidationErrorFor("Organization.LocalGovernmentCode");
        validator.TestValidate(Valid() with { Organization = Valid().Organization! with { LocalGovernmentCode = "131016" } })
            .ShouldHaveValidationErrorFor("Organization.LocalGovernmentCode");
    }

    [Fact]
    public void A_company_needs_its_name() =>
        validator.TestValidate(Valid() with { InquirerType = InquirerType.Company, Organization = new() { Name = " " } })
            .ShouldHaveValidationErrorFor("Organization.Name");

    [Theory]
    [InlineData("髙橋\r\nBcc: x@example.com")]
    [InlineData("髙橋\n")]
    [InlineData("髙橋\u0000")]
    public void Names_with_line_breaks_or_controls_are_refused(string familyName) =>
        validator.TestValidate(Valid() with { Contact = Valid().Contact! with { FamilyName = familyName } })
            .ShouldHaveValidationErrorFor("Contact.FamilyName");

    [Fact]
    public void A_subject_over_200_characters_is_refused_and_200_are_accepted()
    {
        validator.TestValidate(Valid() with { Subject = new string('件', 201) }).ShouldHaveValidationErrorFor(c => c.Subject);
        validator.TestValidate(Valid() with { Subject = string.Concat(Enumerable.Repeat("𠮷", 200)) }).ShouldNotHaveValidationErrorFor(c => c.Subject);
    }

    [Fact]
    public void A_message_over_10000_characters_is_refused() =>
        validator.TestValidate(Valid() with { Message = new string('あ', 10_001) }).ShouldHaveValidationErrorFor(c => c.Message);

    [Theory]
    [InlineData("高橋")]
    [InlineData("Takahashi")]
    public void Readings_must_be_kana(string kana) =>
        validator.TestValidate(Valid() with { Contact = Valid().Contact! with { FamilyNameKana = kana } })
            .ShouldHaveValidationErrorFor("Contact.FamilyNameKana");

    [Theory]
    [InlineData("taro")]
    [InlineData("taro@localhost")]
    [InlineData("taro@example.jp\r\nBcc: x@example.com")]
    [InlineData("Taro <taro@example.jp>")]
    [InlineData("taro@example.jp, jiro@example.jp")]
    public void Email_addresses_must_be_plain_addresses(string email) =>
        validator.TestValidate(Valid() with { Contact = Valid().Contact! with { Email = email } })
            .ShouldHaveValidationErrorFor("Contact.Email");

    [Fact]
    public void A_phone_consultation_needs_a_phone_number() =>
        validator.TestValidate(Valid() with { PreferredChannel = ContactChannel.Phone, Contact = Valid().Contact! with { Phone = null } })
            .ShouldHaveValidationErrorFor("Contact.Phone");

    [Fact]
    public void Topics_must_be_from_the_list_and_at_least_one()
    {
        validator.TestValidate(Valid() with { Topics = [] }).ShouldHaveValidationErrorFor(c => c.Topics);
        validator.TestValidate(Valid() with { Topics = [Topic.Subsidies, "crypto"] }).ShouldHaveValidationErrorFor("Topics[1]");
    }

    [Fact]
    public void Preferred_slots_must_lie_ahead_and_end_after_they_start()
    {
        var past = new SubmitInquiry.SlotInput(Clock.GetUtcNow().AddHours(-1), Clock.GetUtcNow());
        var backwards = new SubmitInquiry.SlotInput(Clock.GetUtcNow().AddDays(2), Clock.GetUtcNow().AddDays(1));
        var ok = new SubmitInquiry.SlotInput(Clock.GetUtcNow().AddDays(1), Clock.GetUtcNow().AddDays(1).AddHours(1));

        var result = validator.TestValidate(Valid() with { PreferredSlots = [past, backwards, ok] });

        result.ShouldHaveValidationErrorFor("PreferredSlots[0].StartsAt");
        result.ShouldHaveValidationErrorFor("PreferredSlots[1].EndsAt");
        result.ShouldNotHaveValidationErrorFor("PreferredSlots[2].StartsAt");
        result.ShouldNotHaveValidationErrorFor("PreferredSlots[2].EndsAt");
    }

    [Fact]
    public void Messages_follow_the_ui_language()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        validator.TestValidate(Valid() with { PrivacyConsent = false })
            .ShouldHaveValidationErrorFor(c => c.PrivacyConsent).WithErrorMessage("You must agree to the handling of personal information.");
    }

    [Fact]
    public void Readings_are_optional_in_english_but_still_katakana_when_given()
    {
        var english = Valid() with { Language = InquiryLanguage.En, Contact = Valid().Contact! with { FamilyNameKana = null, GivenNameKana = "" } };
        validator.TestValidate(english).ShouldNotHaveAnyValidationErrors();

        var latin = english with { Contact = english.Contact! with { FamilyNameKana = "Takahashi" } };
        validator.TestValidate(latin).ShouldHaveValidationErrorFor("Contact.FamilyNameKana");

        var japanese = english with { Language = InquiryLanguage.Ja };
        validator.TestValidate(japanese).ShouldHaveValidationErrorFor("Contact.FamilyNameKana");
    }

    [Fact]
    public void Full_width_input_passes_once_normalised_as_the_form_and_the_api_send_it()
    {
        var typed = Valid() with
        {
            Contact = Valid().Contact! with { Email = "ｔａｋａ＠ｅｘａｍｐｌｅ．ｊｐ", Phone = "０１１－２２２－３３３３" },
            Address = new() { PostalCode = "０６０ー００４２", Municipality = "札幌市中央区", Street = "大通西１－１" },
        };
        validator.TestValidate(typed).ShouldHaveValidationErrorFor("Contact.Email");

        var normalised = typed.Normalized();

        validator.TestValidate(normalised).ShouldNotHaveAnyValidationErrors();
        Assert.Equal(("taka@example.jp", "011-222-3333", "060-0042", "大通西1-1"),
            (normalised.Contact!.Email, normalised.Contact.Phone, normalised.Address!.PostalCode, normalised.Address.Street));
    }

    [Fact]
    public void A_malformed_postal_code_is_refused() =>
        validator.TestValidate(Valid() with { Address = new() { PostalCode = "12-345" } }).ShouldHaveValidationErrorFor("Address.PostalCode");
}
