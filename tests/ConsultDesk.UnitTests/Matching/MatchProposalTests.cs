using ConsultDesk.Domain.Matching;

namespace ConsultDesk.UnitTests.Matching;

public sealed class MatchProposalTests
{
    private static readonly DateTime Now = new(2026, 4, 1, 1, 0, 0, DateTimeKind.Utc);

    private static MatchProposal Proposal() => MatchProposal.Propose(Guid.CreateVersion7(), "172014", "候補", Guid.CreateVersion7(), Now);

    [Fact]
    public void A_proposal_cannot_be_introduced_before_the_company_consented()
    {
        var proposal = Proposal();

        var fresh = Assert.Throws<ProposalRuleException>(() => proposal.Introduce(Now));
        proposal.RequestConsent(["organization", "email"], Now);
        var asked = Assert.Throws<ProposalRuleException>(() => proposal.Introduce(Now));

        Assert.Equal("consent-required", fresh.Code);
        Assert.Equal("consent-required", asked.Code);
        Assert.Equal(ProposalStatus.ConsentRequested, proposal.Status);
        Assert.Null(proposal.IntroducedAt);
    }

    [Fact]
    public void A_declined_proposal_stays_closed_to_an_introduction()
    {
        var proposal = Proposal();
        proposal.RequestConsent(MatchProposal.DefaultSharedFields, Now);
        proposal.AnswerConsent(agreed: false, Now.AddHours(1));

        var refused = Assert.Throws<ProposalRuleException>(() => proposal.Introduce(Now.AddHours(2)));

        Assert.Equal("consent-required", refused.Code);
        Assert.Equal(ProposalStatus.Declined, proposal.Status);
        Assert.Empty(MatchProposal.Next(ProposalStatus.Declined));
    }

    [Fact]
    public void A_consented_proposal_goes_through_introduction_meeting_and_conclusion_with_each_step_versioned()
    {
        var proposal = Proposal();
        proposal.RequestConsent(["organization", "email", "organization"], Now);
        proposal.AnswerConsent(agreed: true, Now.AddHours(1));
        proposal.Introduce(Now.AddHours(2));
        proposal.MoveTo(ProposalStatus.MeetingHeld, Now.AddDays(7));
        proposal.MoveTo(ProposalStatus.Concluded, Now.AddDays(30));

        Assert.Equal(ProposalStatus.Concluded, proposal.Status);
        Assert.Equal(["organization", "email"], proposal.SharedFields);
        Assert.Equal(Now.AddHours(2), proposal.IntroducedAt);
        Assert.Equal(6, proposal.Version);
    }

    [Theory]
    [InlineData(ProposalStatus.Consented)]
    [InlineData(ProposalStatus.Declined)]
    [InlineData(ProposalStatus.Introduced)]
    [InlineData(ProposalStatus.ConsentRequested)]
    public void The_consent_steps_are_not_reachable_by_a_plain_move(ProposalStatus to)
    {
        var proposal = Proposal();

        var refused = Assert.Throws<ProposalRuleException>(() => proposal.MoveTo(to, Now));

        Assert.Equal("use-the-dedicated-step", refused.Code);
        Assert.Equal(ProposalStatus.Proposed, proposal.Status);
    }

    [Fact]
    public void Illegal_moves_are_refused_and_concluded_is_final()
    {
        var proposal = Proposal();
        var early = Assert.Throws<ProposalRuleException>(() => proposal.MoveTo(ProposalStatus.MeetingHeld, Now));
        var answerUnasked = Assert.Throws<ProposalRuleException>(() => proposal.AnswerConsent(agreed: true, Now));
        proposal.MoveTo(ProposalStatus.Dropped, Now);
        var afterDrop = Assert.Throws<ProposalRuleException>(() => proposal.RequestConsent(MatchProposal.DefaultSharedFields, Now));

        Assert.Equal("illegal-transition", early.Code);
        Assert.Equal("illegal-transition", answerUnasked.Code);
        Assert.Equal("illegal-transition", afterDrop.Code);
        Assert.Equal(ProposalStatus.Dropped, proposal.Status);
        Assert.Empty(MatchProposal.Next(ProposalStatus.Concluded));
    }
}
