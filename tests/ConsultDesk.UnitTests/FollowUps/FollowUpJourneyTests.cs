using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using ConsultDesk.UnitTests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ConsultDesk.UnitTests.FollowUps;

/// <summary>
/// The follow-up journeys on the real calendar with a fake clock. Every due time below is computed by hand:
/// a business day is a full desk day (9:00–17:00 JST) of desk time, skipping weekends, holidays and 12/29–1/3.
/// </summary>
public sealed class FollowUpJourneyTests : IDisposable
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private readonly UnitTestDatabase database = new();
    private readonly FakeTimeProvider clock = new();
    private readonly ConsultDeskOptions options = new() { PublicBaseUrl = "https://desk.example.jp" };
    private readonly ServiceLevel serviceLevel = new(BusinessCalendar.LoadEmbedded(), 2, 20, TimeSpan.FromHours(4));
    private readonly Guid managerId = Guid.CreateVersion7();
    private readonly ICurrentUser manager = Substitute.For<ICurrentUser>();

    public FollowUpJourneyTests()
    {
        manager.Id.Returns(managerId);
        manager.IsInRole(Roles.Manager).Returns(true);
        using var db = database.NewContext();
        var role = new Role(Roles.Manager) { Id = Guid.CreateVersion7(), NormalizedName = Roles.Manager.ToUpperInvariant() };
        db.Roles.Add(role);
        db.Users.Add(new User { Id = managerId, Email = "manager@desk.example.jp", UserName = "manager@desk.example.jp", DisplayName = "管理 太郎" });
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = managerId, RoleId = role.Id });
        db.SaveChanges();
    }

    public void Dispose() => database.Dispose();

    private void At(int year, int month, int day, int hour, int minute = 0) =>
        clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, minute, 0, Jst));

    private static DateTime Jst_(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Jst).UtcDateTime;

    private FollowUpPlanner Planner(ConsultDeskDbContext db) =>
        new(db, Options.Create(options), serviceLevel);

    private async Task<string> SubmitAssignedCaseAsync(InquiryLanguage language = InquiryLanguage.Ja)
    {
        await using var db = database.NewContext();
        var now = clock.GetUtcNow().UtcDateTime;
        var @case = Case.Submit("CD-2027-000001", new Inquiry
        {
            InquirerType = InquirerType.Company, OrganizationName = "株式会社テスト", FamilyName = "髙橋", GivenName = "一郎",
            FamilyNameKana = "タカハシ", GivenNameKana = "イチロウ", Email = "ichiro@example.co.jp", PrefectureCode = "13",
            Topics = [Topic.SatelliteOffice], PreferredChannel = ContactChannel.Email, Subject = "サテライトオフィスの件",
            Message = "相談です", PrivacyConsentAt = now, Language = language,
        }, IntakeSource.Api, now, serviceLevel);
        @case.Claim(managerId, now);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return @case.Reference;
    }

    private async Task TransitionAsync(string reference, CaseStatus to)
    {
        await using var db = database.NewContext();
        var handler = new TransitionCase.Handler(db, new WriteGate(serialize: true), manager, serviceLevel, Planner(db), clock);
        await handler.Handle(new TransitionCase.Command(reference, to, to == CaseStatus.Closed ? CloseReason.Completed : null, null), CancellationToken.None);
    }

    private async Task<RunDueFollowUps.Response> RunAsync()
    {
        await using var db = database.NewContext();
        var templates = new MailTemplates();
        var links = new PortalLinks(db, new OutboxSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), Options.Create(options));
        var caseMail = new CaseMail(db, templates, links, Options.Create(options));
        var mail = new FollowUpMail(db, caseMail, links, templates, serviceLevel, Options.Create(options));
        var handler = new RunDueFollowUps.Handler(db, new WriteGate(serialize: true), mail, Planner(db), serviceLevel,
            Options.Create(options), clock, NullLogger<RunDueFollowUps.Handler>.Instance);
        return await handler.Handle(new RunDueFollowUps.Command(), CancellationToken.None);
    }

    private async Task<List<OutboxMail>> OutboxAsync()
    {
        await using var db = database.NewContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    private async Task<List<FollowUp>> FollowUpsAsync()
    {
        await using var db = database.NewContext();
        return await db.FollowUps.AsNoTracking().OrderBy(f => f.DueAt).ToListAsync();
    }

    private async Task<Case> CaseAsync(string reference)
    {
        await using var db = database.NewContext();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Reference == reference);
    }

    [Fact]
    public async Task A_case_waiting_on_its_inquirer_gets_two_reminders_then_closes_itself_counting_business_days_over_holidays()
    {
        // Wednesday 10 Feb 2027 10:00 JST; Thursday 11 Feb (建国記念の日) and Tuesday 23 Feb (天皇誕生日) are holidays.
        At(2027, 2, 10, 9, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        At(2027, 2, 10, 10, 0);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);

        var planned = await FollowUpsAsync();
        // 3bd: 12 Feb (1), 15 Feb (2), 16 Feb (3). 7bd: …17, 18, 19, 22 Feb. 14bd: 24, 25, 26 Feb, 1, 2, 3, 4 Mar.
        Assert.Equal(Jst_(2027, 2, 16, 10), planned.Single(f => f.Rule == FollowUpRule.WaitingReminder1).DueAt);
        Assert.Equal(Jst_(2027, 2, 22, 10), planned.Single(f => f.Rule == FollowUpRule.WaitingReminder2).DueAt);
        Assert.Equal(Jst_(2027, 3, 4, 10), planned.Single(f => f.Rule == FollowUpRule.WaitingAutoClose).DueAt);

        At(2027, 2, 16, 9, 59);
        Assert.Equal(0, (await RunAsync()).Sent);
        At(2027, 2, 16, 10, 0);
        Assert.Equal(1, (await RunAsync()).Sent);
        Assert.Equal(0, (await RunAsync()).Sent);

        var reminder = Assert.Single(await OutboxAsync(), m => m.Kind == FollowUpMail.ReminderKind);
        Assert.Contains(reference, reminder.Subject);
        Assert.Contains("2027年3月4日 10:00", reminder.TextBody);
        Assert.NotNull(reminder.ListUnsubscribe);
        Assert.Contains("https://desk.example.jp/unsubscribe/", reminder.ListUnsubscribe);
        Assert.Contains($"mailto:desk@consultdesk.example.jp?subject=unsubscribe%20{reference}", reminder.ListUnsubscribe);
        // The row holds the token only encrypted; its texts hold the placeholder the dispatcher fills at send time.
        Assert.NotNull(reminder.ProtectedSecret);
        Assert.Contains("/portal/" + OutboxMail.SecretPlaceholder, reminder.TextBody);
        Assert.Contains("/unsubscribe/" + OutboxMail.SecretPlaceholder, reminder.ListUnsubscribe);

        At(2027, 2, 22, 10, 0);
        Assert.Equal(1, (await RunAsync()).Sent);
        At(2027, 3, 4, 9, 0);
        Assert.Equal(0, (await RunAsync()).Sent);
        At(2027, 3, 4, 10, 0);
        Assert.Equal(1, (await RunAsync()).Sent);

        var closed = await CaseAsync(reference);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(CloseReason.NoResponse, closed.CloseReason);
        var mails = await OutboxAsync();
        Assert.Equal([FollowUpMail.ReminderKind, FollowUpMail.ReminderKind, FollowUpMail.ClosingNoticeKind], mails.Select(m => m.Kind));
        Assert.Null(mails[2].ListUnsubscribe);
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await FollowUpsAsync(), f => Assert.Equal(FollowUpState.Sent, f.State));

        At(2027, 3, 20, 10, 0);
        Assert.Equal(0, (await RunAsync()).Sent);
        Assert.Equal(3, (await OutboxAsync()).Count);
    }

    [Fact]
    public async Task A_sent_reminder_is_on_the_timeline_but_leaves_the_case_version_and_so_its_etag_alone()
    {
        At(2027, 2, 10, 9, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        At(2027, 2, 10, 10, 0);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);
        var before = (await CaseAsync(reference)).Version;

        At(2027, 2, 16, 10, 0);
        Assert.Equal(1, (await RunAsync()).Sent);

        var after = await CaseAsync(reference);
        Assert.Equal(before, after.Version);
        await using var db = database.NewContext();
        Assert.Contains("follow-up-sent", await db.Timeline.Where(t => t.CaseId == after.Id).Select(t => t.Type).ToListAsync());
    }

    [Fact]
    public async Task A_reply_from_the_inquirer_wakes_the_case_and_cancels_its_reminders_and_auto_close()
    {
        At(2027, 2, 10, 9, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        await TransitionAsync(reference, CaseStatus.InConsultation);
        At(2027, 2, 10, 10, 0);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);

        At(2027, 2, 15, 12, 0);
        await using (var db = database.NewContext())
        {
            var @case = await db.Cases.SingleAsync(c => c.Reference == reference);
            var replies = new InquirerReplies(Planner(db), serviceLevel);
            await replies.ReceiveAsync(@case, new InquirerMessage("portal", null, "資料を添付しました。"), clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var woken = await CaseAsync(reference);
        Assert.Equal(CaseStatus.InConsultation, woken.Status);
        var followUps = await FollowUpsAsync();
        Assert.Equal(3, followUps.Count);
        Assert.All(followUps, f => Assert.Equal(FollowUpState.Cancelled, f.State));
        Assert.All(followUps, f => Assert.Equal("inquirer-replied", f.Outcome));

        At(2027, 3, 10, 10, 0);
        Assert.Equal(0, (await RunAsync()).Sent);
        Assert.Empty(await OutboxAsync());
        await using var check = database.NewContext();
        Assert.Equal(3, await check.Timeline.CountAsync(t => t.CaseId == woken.Id && t.Type == "follow-up-cancelled"));
    }

    [Fact]
    public async Task Leaving_waiting_by_hand_cancels_and_waiting_again_plans_a_fresh_journey()
    {
        At(2027, 2, 10, 9, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        At(2027, 2, 10, 10, 0);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);
        At(2027, 2, 12, 10, 0);
        await TransitionAsync(reference, CaseStatus.Triaged);
        At(2027, 2, 12, 11, 0);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);

        var followUps = await FollowUpsAsync();
        Assert.Equal(3, followUps.Count(f => f.State == FollowUpState.Cancelled));
        // The second wait started Friday 12 Feb 11:00: 3bd = 15, 16, 17 Feb.
        Assert.Equal(Jst_(2027, 2, 17, 11), followUps.Single(f => f.State == FollowUpState.Scheduled && f.Rule == FollowUpRule.WaitingReminder1).DueAt);

        At(2027, 2, 16, 10, 0);
        Assert.Equal(0, (await RunAsync()).Sent);
        At(2027, 2, 17, 11, 0);
        Assert.Equal(1, (await RunAsync()).Sent);
    }

    private async Task RecordConsultationAsync(string reference, DateTimeOffset startsAt, int durationMinutes, string nextSteps = "次回の日程を調整します")
    {
        await using var db = database.NewContext();
        var handler = new RecordConsultation.Handler(db, new WriteGate(serialize: true), manager,
            new CaseMail(db, new MailTemplates(), new PortalLinks(db, new OutboxSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), Options.Create(options)), Options.Create(options)),
            Planner(db), clock);
        await handler.Handle(new RecordConsultation.Command(reference, new RecordConsultation.Body(ConsultationChannel.OnlineMeeting,
            startsAt, durationMinutes, "髙橋様", "社内規程の相談", nextSteps)), CancellationToken.None);
    }

    private async Task<FollowUp> ConsultationFollowUpAsync() =>
        Assert.Single(await FollowUpsAsync(), f => f.Rule == FollowUpRule.ConsultationFollowUp);

    private async Task<int> FollowUpMailsAsync() =>
        (await OutboxAsync()).Count(m => m.Kind == FollowUpMail.ConsultationFollowUpKind);

    [Fact]
    public async Task A_recorded_consultation_is_followed_by_thanks_and_next_steps_one_business_day_later_across_the_new_year_closure()
    {
        // Recorded Monday 28 Dec 2026 15:00 JST for that day 13:00–14:00: from its end 3h are left that day, the desk
        // is closed 29 Dec–3 Jan, so 1bd after the end is Monday 4 Jan 14:00.
        At(2026, 12, 28, 15, 0);
        var reference = await SubmitAssignedCaseAsync(InquiryLanguage.En);
        await RecordConsultationAsync(reference, new DateTimeOffset(2026, 12, 28, 13, 0, 0, Jst), 60, "1. Draft the telework rules\n2. Book a second session");

        var followUp = Assert.Single(await FollowUpsAsync());
        Assert.Equal(FollowUpRule.ConsultationFollowUp, followUp.Rule);
        Assert.Equal(Jst_(2027, 1, 4, 14), followUp.DueAt);

        At(2027, 1, 4, 13, 59);
        Assert.Equal(0, (await RunAsync()).Sent);
        At(2027, 1, 4, 14, 0);
        Assert.Equal(1, (await RunAsync()).Sent);
        var mail = Assert.Single(await OutboxAsync());
        Assert.Equal(FollowUpMail.ConsultationFollowUpKind, mail.Kind);
        Assert.StartsWith("[Regional Revitalisation Telework Desk] Thank you for the consultation", mail.Subject);
        Assert.Contains("1. Draft the telework rules\n2. Book a second session", mail.TextBody);
        Assert.Contains("2026-12-28 13:00 JST", mail.TextBody);
        // Essential: it carries the next steps, so it has no List-Unsubscribe and ignores an opt-out.
        Assert.Null(mail.ListUnsubscribe);
    }

    [Fact]
    public async Task A_consultation_booked_three_days_ahead_is_thanked_one_business_day_after_it_ends_not_after_it_was_booked()
    {
        // Booked Monday 7 Dec 2026 10:00 JST for Thursday 10 Dec 14:00–15:00: 1bd after its end is Friday 11 Dec 15:00.
        // Counted from the booking (the old rule) it would have gone Tuesday 8 Dec 10:00, before the consultation.
        At(2026, 12, 7, 10, 0);
        var reference = await SubmitAssignedCaseAsync();
        await RecordConsultationAsync(reference, new DateTimeOffset(2026, 12, 10, 14, 0, 0, Jst), 60);

        Assert.Equal(Jst_(2026, 12, 11, 15), (await ConsultationFollowUpAsync()).DueAt);

        At(2026, 12, 8, 10, 0);
        await RunAsync();
        At(2026, 12, 10, 15, 0); // the consultation has just ended
        await RunAsync();
        At(2026, 12, 11, 14, 59);
        await RunAsync();
        Assert.Equal(0, await FollowUpMailsAsync());
        At(2026, 12, 11, 15, 0);
        Assert.Equal(1, (await RunAsync()).Sent);
        Assert.Equal(1, await FollowUpMailsAsync());
    }

    [Fact]
    public async Task A_consultation_booked_three_days_ahead_on_a_friday_is_thanked_after_the_weekend_and_a_holiday()
    {
        // Booked Tuesday 16 Mar 2027 10:00 JST for Friday 19 Mar 15:00–16:30. From its end: 0.5h that Friday, then the
        // weekend and Monday 22 Mar (振替休日) do not count, so 7.5h on Tuesday 23 Mar: due 23 Mar 16:30.
        At(2027, 3, 16, 10, 0);
        var reference = await SubmitAssignedCaseAsync();
        await RecordConsultationAsync(reference, new DateTimeOffset(2027, 3, 19, 15, 0, 0, Jst), 90);

        Assert.Equal(Jst_(2027, 3, 23, 16, 30), (await ConsultationFollowUpAsync()).DueAt);

        At(2027, 3, 17, 10, 0);
        await RunAsync();
        At(2027, 3, 22, 16, 30); // the holiday: a calendar day later, but not a business day
        await RunAsync();
        At(2027, 3, 23, 16, 29);
        await RunAsync();
        Assert.Equal(0, await FollowUpMailsAsync());
        At(2027, 3, 23, 16, 30);
        Assert.Equal(1, (await RunAsync()).Sent);
    }

    [Fact]
    public async Task A_consultation_recorded_the_morning_after_is_thanked_one_business_day_after_it_ended()
    {
        // Recorded Tuesday 8 Dec 2026 09:30 JST for Monday 7 Dec 13:00–14:00: due Tuesday 8 Dec 14:00, one business day
        // after it ended (not Wednesday 9 Dec 09:30, one business day after it was recorded).
        At(2026, 12, 8, 9, 30);
        var reference = await SubmitAssignedCaseAsync();
        await RecordConsultationAsync(reference, new DateTimeOffset(2026, 12, 7, 13, 0, 0, Jst), 60);

        Assert.Equal(Jst_(2026, 12, 8, 14), (await ConsultationFollowUpAsync()).DueAt);
        At(2026, 12, 8, 13, 59);
        Assert.Equal(0, (await RunAsync()).Sent);
        At(2026, 12, 8, 14, 0);
        Assert.Equal(1, (await RunAsync()).Sent);
    }

    [Fact]
    public async Task A_consultation_recorded_after_its_follow_up_moment_has_passed_is_thanked_at_once()
    {
        // Recorded Monday 14 Dec 2026 10:00 JST for Monday 7 Dec 13:00–14:00: one business day after it ended
        // (Tuesday 8 Dec 14:00) is already past, so the thanks is due at once and the next run sends it.
        At(2026, 12, 14, 10, 0);
        var reference = await SubmitAssignedCaseAsync();
        await RecordConsultationAsync(reference, new DateTimeOffset(2026, 12, 7, 13, 0, 0, Jst), 60);

        Assert.Equal(Jst_(2026, 12, 14, 10), (await ConsultationFollowUpAsync()).DueAt);
        Assert.Equal(1, (await RunAsync()).Sent);
        Assert.Equal(1, await FollowUpMailsAsync());
    }

    [Fact]
    public async Task The_survey_goes_two_business_days_after_resolution_unless_the_inquirer_opted_out()
    {
        // Thursday 18 Mar 2027 16:00 JST: 1h that day, Friday 19 Mar 8h, Monday 22 Mar is a substitute holiday, so Tuesday 23 Mar 16:00.
        At(2027, 3, 18, 9, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        At(2027, 3, 18, 16, 0);
        await TransitionAsync(reference, CaseStatus.Resolved);
        Assert.Equal(Jst_(2027, 3, 23, 16), Assert.Single(await FollowUpsAsync(), f => f.Rule == FollowUpRule.SatisfactionSurvey).DueAt);

        At(2027, 3, 23, 16, 0);
        Assert.Equal(1, (await RunAsync()).Sent);
        var survey = Assert.Single(await OutboxAsync());
        Assert.Equal(FollowUpMail.SurveyKind, survey.Kind);
        Assert.Contains("https://desk.example.jp/portal/", survey.TextBody);
        Assert.Contains("/survey", survey.TextBody);
        Assert.NotNull(survey.ListUnsubscribe);
    }

    [Fact]
    public async Task An_opted_out_inquirer_gets_no_reminder_but_still_gets_the_closing_notice()
    {
        At(2027, 2, 10, 10, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);
        await using (var db = database.NewContext())
        {
            db.MailOptOuts.Add(MailOptOut.For(await db.Cases.SingleAsync(), OptOutChannel.Portal, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        At(2027, 3, 4, 10, 0);
        var result = await RunAsync();

        Assert.Equal(2, result.Skipped);
        Assert.Equal(1, result.Sent);
        var mail = Assert.Single(await OutboxAsync());
        Assert.Equal(FollowUpMail.ClosingNoticeKind, mail.Kind);
        Assert.Equal(CaseStatus.Closed, (await CaseAsync(reference)).Status);
    }

    [Fact]
    public async Task An_unassigned_case_escalates_to_the_managers_at_its_first_response_due_time_and_a_claim_cancels_it()
    {
        // Friday 19 Feb 2027 14:00 JST: first response due in 2bd = Monday 22 Feb (1), Wednesday 24 Feb (2; 23rd is a holiday) 14:00.
        At(2027, 2, 19, 14, 0);
        string unassigned, claimed;
        await using (var db = database.NewContext())
        {
            var now = clock.GetUtcNow().UtcDateTime;
            Case Submit(string reference) => Case.Submit(reference, new Inquiry
            {
                InquirerType = InquirerType.Municipality, OrganizationName = "テスト市", FamilyName = "佐藤", GivenName = "花子",
                FamilyNameKana = "サトウ", GivenNameKana = "ハナコ", Email = "hanako@city.example.lg.jp", PrefectureCode = "01",
                Topics = [Topic.SatelliteOffice], PreferredChannel = ContactChannel.Phone, Subject = "誘致", Message = "相談",
                PrivacyConsentAt = now,
            }, IntakeSource.Api, now, serviceLevel);
            var first = Submit("CD-2027-000010");
            var second = Submit("CD-2027-000011");
            db.Cases.AddRange(first, second);
            var planner = Planner(db);
            await planner.ReconcileAsync(first, now, CancellationToken.None);
            await planner.ReconcileAsync(second, now, CancellationToken.None);
            await db.SaveChangesAsync();
            (unassigned, claimed) = (first.Reference, second.Reference);
        }
        Assert.All(await FollowUpsAsync(), f => Assert.Equal(Jst_(2027, 2, 24, 14), f.DueAt));

        At(2027, 2, 22, 9, 0);
        await using (var db = database.NewContext())
        {
            var handler = new ClaimCase.Handler(db, new WriteGate(serialize: true), manager, Planner(db), clock);
            await handler.Handle(new ClaimCase.Command(claimed, null), CancellationToken.None);
        }

        At(2027, 2, 24, 14, 0);
        var result = await RunAsync();

        Assert.Equal(1, result.Sent);
        var escalation = Assert.Single(await OutboxAsync());
        Assert.Equal(FollowUpMail.EscalationKind, escalation.Kind);
        Assert.Equal("manager@desk.example.jp", escalation.ToAddress);
        Assert.Contains(unassigned, escalation.Subject);
        Assert.Contains($"https://desk.example.jp/desk/cases/{unassigned}", escalation.TextBody);
        Assert.Null(escalation.ListUnsubscribe);
        var cancelled = Assert.Single(await FollowUpsAsync(), f => f.State == FollowUpState.Cancelled);
        Assert.Equal((await CaseAsync(claimed)).Id, cancelled.CaseId);
    }

    [Fact]
    public async Task A_case_closed_by_hand_before_the_follow_up_fires_gets_nothing()
    {
        At(2027, 2, 10, 10, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);
        await TransitionAsync(reference, CaseStatus.Closed);

        At(2027, 3, 10, 10, 0);
        Assert.Equal(0, (await RunAsync()).Sent);
        Assert.Empty(await OutboxAsync());
        Assert.All(await FollowUpsAsync(), f => Assert.Equal(FollowUpState.Cancelled, f.State));
    }

    [Fact]
    public async Task A_follow_up_that_cannot_be_composed_is_set_aside_without_holding_up_the_ones_behind_it()
    {
        At(2027, 2, 10, 10, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        await TransitionAsync(reference, CaseStatus.WaitingOnInquirer);
        await using (var db = database.NewContext())
        {
            var @case = await db.Cases.SingleAsync();
            // Due before the reminder, and unreadable: its key should name a consultation.
            db.FollowUps.Add(FollowUp.Plan(@case.Id, FollowUpRule.ConsultationFollowUp, "not-a-consultation", Jst_(2027, 2, 12, 10), clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        At(2027, 2, 16, 10, 0);
        var result = await RunAsync();

        Assert.Equal(1, result.Sent);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(FollowUpMail.ReminderKind, Assert.Single(await OutboxAsync()).Kind);
        var broken = Assert.Single(await FollowUpsAsync(), f => f.Rule == FollowUpRule.ConsultationFollowUp);
        Assert.Equal(FollowUpState.Skipped, broken.State);
        Assert.Equal("error", broken.Outcome);
    }

    [Fact]
    public async Task An_answer_to_a_resolved_case_puts_it_back_in_work_and_cancels_the_survey()
    {
        At(2027, 3, 18, 9, 0);
        var reference = await SubmitAssignedCaseAsync();
        await TransitionAsync(reference, CaseStatus.Triaged);
        await TransitionAsync(reference, CaseStatus.Resolved);

        At(2027, 3, 19, 9, 0);
        await using (var db = database.NewContext())
        {
            var @case = await db.Cases.SingleAsync(c => c.Reference == reference);
            await new InquirerReplies(Planner(db), serviceLevel).ReceiveAsync(@case, new InquirerMessage("mail", "Re: 件名", "まだ解決していません。"),
                clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.Equal(CaseStatus.InConsultation, (await CaseAsync(reference)).Status);
        Assert.Equal(FollowUpState.Cancelled, Assert.Single(await FollowUpsAsync(), f => f.Rule == FollowUpRule.SatisfactionSurvey).State);
    }
}
