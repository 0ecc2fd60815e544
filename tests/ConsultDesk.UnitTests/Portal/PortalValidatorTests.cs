using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Portal;
using ConsultDesk.Features.Portal;
using FluentValidation.TestHelper;

namespace ConsultDesk.UnitTests.Portal;

public sealed class PortalValidatorTests
{
    private const string Token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    public PortalValidatorTests() => CultureInfo.CurrentUICulture = new CultureInfo("ja");

    [Fact]
    public void A_portal_reply_is_required_capped_and_free_of_control_characters()
    {
        var validator = new ReplyFromPortal.Validator();

        validator.TestValidate(new ReplyFromPortal.Command(Token, " \n ")).ShouldHaveValidationErrorFor(c => c.Body);
        validator.TestValidate(new ReplyFromPortal.Command(Token, "了解です\u001b[31m")).ShouldHaveValidationErrorFor(c => c.Body);
        // The cap counts characters as a person does: 𠮷 is one.
        validator.TestValidate(new ReplyFromPortal.Command(Token, string.Concat(Enumerable.Repeat("𠮷", 5_000)))).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ReplyFromPortal.Command(Token, string.Concat(Enumerable.Repeat("𠮷", 5_001)))).ShouldHaveValidationErrorFor(c => c.Body);
        validator.TestValidate(new ReplyFromPortal.Command(Token, "一行目\r\n二行目\t①㈱")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null, true, true)]
    [InlineData(0, true, true)]
    [InlineData(6, true, true)]
    [InlineData(1, null, false)]
    [InlineData(1, false, false)]
    [InlineData(5, true, false)]
    public void A_survey_answer_needs_a_rating_of_one_to_five_and_a_yes_or_no(int? rating, bool? solved, bool ratingInvalid)
    {
        var result = new AnswerSurvey.Validator().TestValidate(new AnswerSurvey.Command(Token, rating, solved, "とても助かりました"));

        Assert.Equal(ratingInvalid, result.Errors.Any(e => e.PropertyName == "Rating"));
        Assert.Equal(solved is null, result.Errors.Any(e => e.PropertyName == "ProblemSolved"));
    }

    [Fact]
    public void A_fresh_link_request_needs_an_address_and_a_one_line_reference()
    {
        var validator = new RequestPortalLink.Validator();

        validator.TestValidate(new RequestPortalLink.Command("taro@example.jp", "CD-2026-000001")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new RequestPortalLink.Command("not-an-address", "CD-2026-000001")).ShouldHaveValidationErrorFor(c => c.Email);
        validator.TestValidate(new RequestPortalLink.Command("taro@example.jp", "")).ShouldHaveValidationErrorFor(c => c.Reference);
        validator.TestValidate(new RequestPortalLink.Command("taro@example.jp\r\nBcc: x@example.com", "CD-2026-000001")).ShouldHaveValidationErrorFor(c => c.Email);
    }

    [Fact]
    public void Only_the_two_web_channels_opt_out_through_the_portal()
    {
        var validator = new OptOutOfMail.Validator();

        validator.TestValidate(new OptOutOfMail.Command(Token, OptOutChannel.Portal)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new OptOutOfMail.Command(Token, OptOutChannel.OneClick)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new OptOutOfMail.Command(Token, OptOutChannel.Mail)).ShouldHaveValidationErrorFor(c => c.Via);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]   // 44 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]    // not base64url
    [InlineData("ＡAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]    // full-width A
    public void Input_that_cannot_be_a_token_is_not_even_looked_up(string? token) =>
        Assert.Null(PortalToken.HashOrNull(token));
}
