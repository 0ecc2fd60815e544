using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using S = ConsultDesk.Domain.CaseStatus;

namespace ConsultDesk.UnitTests.Domain;

public sealed class CaseLifecycleTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    // The whole table, typed out independently of the implementation: from → every status it may move to.
    private static readonly Dictionary<S, S[]> Expected = new()
    {
        [S.New] = [S.Triaged, S.WaitingOnInquirer, S.Closed],
        [S.Triaged] = [S.InConsultation, S.InSupport, S.Matching, S.Resolved, S.WaitingOnInquirer, S.Closed],
        [S.InConsultation] = [S.InSupport, S.Matching, S.Resolved, S.WaitingOnInquirer, S.Closed],
        [S.InSupport] = [S.InConsultation, S.Matching, S.Resolved, S.WaitingOnInquirer, S.Closed],
        [S.Matching] = [S.InConsultation, S.InSupport, S.Resolved, S.WaitingOnInquirer, S.Closed],
        [S.Resolved] = [S.InConsultation, S.Closed],
        [S.Closed] = [],
    };

    public static TheoryData<S, S> AllPairs()
    {
        var data = new TheoryData<S, S>();
        foreach (var from in Enum.GetValues<S>().Where(s => s != S.WaitingOnInquirer))
        foreach (var to in Enum.GetValues<S>())
            data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_move_is_allowed_exactly_when_the_table_says_so(S from, S to) =>
        Assert.Equal(Expected[from].Contains(to), CaseLifecycle.Allows(from, to, null, from == S.Resolved ? Now.AddDays(-1) : null, Now));

    [Theory]
    [InlineData(S.New)]
    [InlineData(S.Triaged)]
    [InlineData(S.InConsultation)]
    [InlineData(S.InSupport)]
    [InlineData(S.Matching)]
    public void Waiting_on_the_inquirer_returns_only_to_where_the_case_was_or_closes(S before)
    {
        foreach (var to in Enum.GetValues<S>())
            Assert.Equal(to == before || to == S.Closed, CaseLifecycle.Allows(S.WaitingOnInquirer, to, before, null, Now));
    }

    [Fact]
    public void A_resolved_case_reopens_within_30_days_only()
    {
        Assert.True(CaseLifecycle.Allows(S.Resolved, S.InConsultation, null, Now.AddDays(-30), Now));
        Assert.False(CaseLifecycle.Allows(S.Resolved, S.InConsultation, null, Now.AddDays(-30).AddMinutes(-1), Now));
        Assert.True(CaseLifecycle.Allows(S.Resolved, S.Closed, null, Now.AddDays(-90), Now));
    }

    [Fact]
    public void Waiting_pauses_the_sla_clock_for_the_desk_time_spent_waiting()
    {
        var sla = new ServiceLevel(BusinessCalendar.LoadEmbedded(), 2, 20, TimeSpan.FromHours(4));
        var monday10 = new DateTime(2026, 11, 16, 1, 0, 0, DateTimeKind.Utc); // 10:00 JST
        var @case = Case.Submit("CD-2026-000001", CaseTests.Inquiry(monday10), IntakeSource.Api, monday10, sla);
        Assert.Equal(new DateTime(2026, 11, 18, 1, 0, 0, DateTimeKind.Utc), @case.FirstResponseDueAt); // Wed 10:00 JST
        var actor = Guid.NewGuid();

        @case.TransitionTo(S.WaitingOnInquirer, null, null, actor, monday10.AddHours(1), sla);            // Mon 11:00
        @case.TransitionTo(S.New, null, null, actor, new DateTime(2026, 11, 17, 2, 0, 0, DateTimeKind.Utc), sla); // Tue 11:00

        // Waited 6h Monday + 2h Tuesday = 8 desk hours: Wed 10:00 + 8h → Thu 10:00 JST.
        Assert.Equal(new DateTime(2026, 11, 19, 1, 0, 0, DateTimeKind.Utc), @case.FirstResponseDueAt);
        Assert.Equal(S.New, @case.Status);
        Assert.Null(@case.WaitingSince);
    }

    [Fact]
    public void Closing_needs_a_reason_and_an_illegal_move_is_refused()
    {
        var @case = Case.Submit("CD-2026-000001", CaseTests.Inquiry(Now), IntakeSource.Api, Now);

        Assert.Throws<CaseRuleException>(() => @case.TransitionTo(S.Closed, null, null, Guid.NewGuid(), Now, ServiceLevel.Unmeasured));
        Assert.Throws<IllegalTransitionException>(() => @case.TransitionTo(S.Resolved, null, null, Guid.NewGuid(), Now, ServiceLevel.Unmeasured));
        @case.TransitionTo(S.Closed, CloseReason.Spam, null, Guid.NewGuid(), Now, ServiceLevel.Unmeasured);
        Assert.Equal(CloseReason.Spam, @case.CloseReason);
        Assert.Equal(Case.NoDeadline, @case.DueAt);
    }
}

public sealed class CaseTests
{
    internal static Inquiry Inquiry(DateTime now) => new()
    {
        InquirerType = InquirerType.Company, OrganizationName = "株式会社サンプル", FamilyName = "髙橋", GivenName = "一郎",
        FamilyNameKana = "タカハシ", GivenNameKana = "イチロウ", Email = "ichiro@example.jp", PrefectureCode = "13",
        Topics = [Topic.TeleworkRules], PreferredChannel = ContactChannel.Email, Subject = "規程", Message = "相談", PrivacyConsentAt = now,
    };

    [Fact]
    public void Claiming_a_taken_case_is_refused_and_every_change_bumps_the_version()
    {
        var now = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
        var @case = Case.Submit("CD-2026-000001", Inquiry(now), IntakeSource.Api, now);
        var first = Guid.NewGuid();

        @case.Claim(first, now);
        var rule = Assert.Throws<CaseRuleException>(() => @case.Claim(Guid.NewGuid(), now));
        @case.AddNote("メモ", first, now);

        Assert.Equal("already-assigned", rule.Code);
        Assert.Equal(first, @case.AssigneeId);
        Assert.Equal(3, @case.Version);
        Assert.Equal(["submitted", "claimed", "note"], @case.Timeline.Select(t => t.Type));
    }

    [Fact]
    public void The_first_reply_meets_the_first_response_and_the_queue_then_sorts_by_resolution()
    {
        var now = new DateTime(2026, 11, 16, 1, 0, 0, DateTimeKind.Utc);
        var sla = new ServiceLevel(BusinessCalendar.LoadEmbedded(), 2, 20, TimeSpan.FromHours(4));
        var @case = Case.Submit("CD-2026-000001", Inquiry(now), IntakeSource.Api, now, sla);
        Assert.Equal(@case.FirstResponseDueAt, @case.DueAt);

        @case.RecordReply(Guid.NewGuid(), "件名", "本文", Guid.NewGuid(), now.AddHours(2));

        Assert.Equal(now.AddHours(2), @case.FirstRespondedAt);
        Assert.Equal(@case.ResolutionDueAt, @case.DueAt);
    }
}
