using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Features.Cases;
using FluentValidation.TestHelper;

namespace ConsultDesk.UnitTests.Cases;

public sealed class CaseWorkValidatorTests
{
    public CaseWorkValidatorTests() => CultureInfo.CurrentUICulture = new CultureInfo("ja");

    [Fact]
    public void Closing_needs_a_reason_and_other_moves_do_not()
    {
        var validator = new TransitionCase.Validator();

        validator.TestValidate(new TransitionCase.Command("CD-2026-000001", CaseStatus.Closed, null, null)).ShouldHaveValidationErrorFor(c => c.Reason);
        validator.TestValidate(new TransitionCase.Command("CD-2026-000001", CaseStatus.Closed, CloseReason.Spam, null)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new TransitionCase.Command("CD-2026-000001", CaseStatus.Triaged, null, "理由")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new TransitionCase.Command("CD-2026-000001", null, null, null)).ShouldHaveValidationErrorFor(c => c.To);
        validator.TestValidate(new TransitionCase.Command("CD-2026-000001", CaseStatus.Triaged, null, "一行目\n二行目")).ShouldHaveValidationErrorFor(c => c.Comment);
    }

    [Fact]
    public void A_reply_subject_is_one_line_and_the_body_is_required()
    {
        var validator = new SendReply.Validator();

        validator.TestValidate(new SendReply.Command("CD-2026-000001", "件名\r\nBcc: x@example.com", "本文")).ShouldHaveValidationErrorFor(c => c.Subject);
        validator.TestValidate(new SendReply.Command("CD-2026-000001", "件名", " ")).ShouldHaveValidationErrorFor("Body");
        validator.TestValidate(new SendReply.Command("CD-2026-000001", "件名", "本文\n二行目 ①②③")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Notes_refuse_control_characters_but_keep_line_breaks()
    {
        var validator = new AddNote.Validator();

        validator.TestValidate(new AddNote.Command("CD-2026-000001", "メモ\u0007")).ShouldHaveValidationErrorFor(c => c.Body);
        validator.TestValidate(new AddNote.Command("CD-2026-000001", "")).ShouldHaveValidationErrorFor(c => c.Body);
        validator.TestValidate(new AddNote.Command("CD-2026-000001", "一行目\n二行目")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(480, false)]
    [InlineData(481, true)]
    public void A_consultation_lasts_five_minutes_to_eight_hours(int minutes, bool invalid)
    {
        var body = new RecordConsultation.Body(ConsultationChannel.Phone, DateTimeOffset.UtcNow, minutes, "", "", "");

        var result = new RecordConsultation.Validator().TestValidate(new RecordConsultation.Command("CD-2026-000001", body));

        Assert.Equal(invalid, result.Errors.Any(e => e.PropertyName == "DurationMinutes"));
    }

    [Fact]
    public void A_task_needs_a_title_or_a_known_template()
    {
        var validator = new AddTask.Validator();

        validator.TestValidate(new AddTask.Command("CD-2026-000001", new AddTask.Body(null, null, null, null))).ShouldHaveValidationErrorFor("Title");
        validator.TestValidate(new AddTask.Command("CD-2026-000001", new AddTask.Body(null, null, null, "no-such-template"))).ShouldHaveValidationErrorFor("Template");
        validator.TestValidate(new AddTask.Command("CD-2026-000001", new AddTask.Body(null, null, null, "telework-rules"))).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new AddTask.Command("CD-2026-000001", new AddTask.Body("規程の確認", null, ["項目\n改行"], null))).ShouldHaveValidationErrorFor("Checklist[0]");
    }

    [Fact]
    public void Merging_needs_a_well_formed_reference() =>
        new MergeCase.Validator().TestValidate(new MergeCase.Command("CD-2026-000001", "2026-1")).ShouldHaveValidationErrorFor(c => c.Into);

    [Theory]
    [InlineData("due", "due", false)]
    [InlineData("submitted", "submitted", false)]
    [InlineData("updated", "updated", true)]
    [InlineData("submitted-desc", "submitted", true)]
    [InlineData("due-asc", "due", false)]
    public void Queue_sorts_parse_with_their_direction(string sort, string key, bool descending) =>
        Assert.Equal((key, descending), ListCases.SortOf(sort));

    [Theory]
    [InlineData("priority")]
    [InlineData("due-sideways")]
    [InlineData("")]
    public void Unknown_sorts_are_refused(string sort) => Assert.Null(ListCases.SortOf(sort));

    [Fact]
    public void Cursors_round_trip_and_garbage_is_refused()
    {
        var cursor = new ListCases.Cursor(new DateTime(2026, 11, 26, 1, 2, 3, DateTimeKind.Utc), "CD-2026-000042");

        Assert.True(ListCases.Cursor.TryDecode(ListCases.Cursor.Encode(cursor), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.False(ListCases.Cursor.TryDecode("not-a-cursor", out _));
        Assert.False(ListCases.Cursor.TryDecode(Convert.ToBase64String("[1,\"DROP TABLE\"]"u8.ToArray()), out _));
    }

    [Fact]
    public void Queue_limits_stay_between_1_and_100()
    {
        var validator = new ListCases.Validator();

        validator.TestValidate(new ListCases.Query { Limit = 0 }).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new ListCases.Query { Limit = 101 }).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new ListCases.Query { Limit = 100, Assignee = "me", Due = "due-soon" }).ShouldNotHaveAnyValidationErrors();
    }
}
