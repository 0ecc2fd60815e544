using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using ConsultDesk.UnitTests.Mail;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace ConsultDesk.UnitTests.Signals;

/// <summary>The after-commit signals against a real (in-memory SQLite) database: only what was committed wakes a job.</summary>
public sealed class SignalAfterCommitTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 4, 1, 0, 0, DateTimeKind.Utc);
    private readonly UnitTestDatabase database = new();
    private readonly IOutboxSignal outbox = Substitute.For<IOutboxSignal>();
    private readonly IFollowUpSignal followUps = Substitute.For<IFollowUpSignal>();
    private readonly Guid caseId;

    public SignalAfterCommitTests()
    {
        using var db = database.NewContext();
        var @case = Case.Submit("CD-2026-000001", new Inquiry
        {
            InquirerType = InquirerType.Worker, FamilyName = "山田", GivenName = "花子", FamilyNameKana = "ヤマダ", GivenNameKana = "ハナコ",
            Email = "hanako@example.jp", PrefectureCode = "32", Topics = [Topic.Relocation], PreferredChannel = ContactChannel.Email,
            Subject = "移住", Message = "相談です", PrivacyConsentAt = Now,
        }, IntakeSource.Api, Now);
        db.Cases.Add(@case);
        db.SaveChanges();
        caseId = @case.Id;
    }

    public void Dispose() => database.Dispose();

    private ConsultDeskDbContext NewContext() => database.NewContext(new SignalAfterCommit(outbox, followUps));

    private static OutboxMail Mail(string to, string? localPart = null) =>
        OutboxMail.Create(null, "test", new RenderedMail("件名", "本文"), to, null, "desk.example.jp", Now, messageIdLocalPart: localPart);

    private FollowUp FollowUpDueIn(int minutes) =>
        FollowUp.Plan(caseId, FollowUpRule.ConsultationFollowUp, Guid.NewGuid().ToString("N"), Now.AddMinutes(minutes), Now);

    [Fact]
    public async Task A_save_of_added_mails_and_follow_ups_wakes_the_dispatcher_once_and_schedules_each_follow_up()
    {
        await using var db = NewContext();
        db.Outbox.AddRange(Mail("a@example.jp"), Mail("b@example.jp"));
        db.FollowUps.AddRange(FollowUpDueIn(5), FollowUpDueIn(10));

        await db.SaveChangesAsync();

        outbox.Received(1).MailQueued();
        followUps.Received(1).Planned(Now.AddMinutes(5));
        followUps.Received(1).Planned(Now.AddMinutes(10));
        followUps.ReceivedWithAnyArgs(2).Planned(default);
    }

    [Fact]
    public async Task Inside_a_transaction_nothing_is_signalled_before_the_commit()
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Outbox.Add(Mail("a@example.jp"));
        await db.SaveChangesAsync();
        db.FollowUps.Add(FollowUpDueIn(5));
        db.SaveChanges();

        outbox.DidNotReceive().MailQueued();
        followUps.DidNotReceiveWithAnyArgs().Planned(default);

        await transaction.CommitAsync();

        outbox.Received(1).MailQueued();
        followUps.Received(1).Planned(Now.AddMinutes(5));
    }

    [Fact]
    public async Task A_rolled_back_or_abandoned_transaction_signals_nothing_now_or_with_the_next_commit()
    {
        await using var db = NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Outbox.Add(Mail("rolled-back@example.jp"));
            db.FollowUps.Add(FollowUpDueIn(1));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        db.ChangeTracker.Clear();
        await using (var abandoned = await db.Database.BeginTransactionAsync())
        {
            db.Outbox.Add(Mail("abandoned@example.jp"));
            db.FollowUps.Add(FollowUpDueIn(2));
            await db.SaveChangesAsync();
            // Disposed without a commit, as when the handler throws after its save.
        }
        db.ChangeTracker.Clear();

        outbox.DidNotReceive().MailQueued();
        followUps.DidNotReceiveWithAnyArgs().Planned(default);

        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            db.FollowUps.Add(FollowUpDueIn(3));
            await db.SaveChangesAsync();
            await committed.CommitAsync();
        }

        outbox.DidNotReceive().MailQueued();
        followUps.Received(1).Planned(Now.AddMinutes(3));
        followUps.ReceivedWithAnyArgs(1).Planned(default);
        await using var check = database.NewContext();
        Assert.Equal(0, await check.Outbox.CountAsync());
    }

    [Fact]
    public async Task A_failed_save_signals_nothing_and_the_next_save_only_its_own_rows()
    {
        await using (var first = database.NewContext())
        {
            first.Outbox.Add(Mail("first@example.jp", localPart: "same"));
            await first.SaveChangesAsync();
        }

        await using var db = NewContext();
        db.Outbox.Add(Mail("again@example.jp", localPart: "same"));
        db.FollowUps.Add(FollowUpDueIn(1));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        outbox.DidNotReceive().MailQueued();
        followUps.DidNotReceiveWithAnyArgs().Planned(default);

        db.ChangeTracker.Clear();
        db.FollowUps.Add(FollowUpDueIn(2));
        await db.SaveChangesAsync();

        outbox.DidNotReceive().MailQueued();
        followUps.Received(1).Planned(Now.AddMinutes(2));
        followUps.ReceivedWithAnyArgs(1).Planned(default);
    }

    [Fact]
    public async Task A_retried_mail_and_a_re_timed_follow_up_are_signalled_but_sending_backing_off_or_cancelling_is_not()
    {
        Guid sentId, backingOffId, failedId, cancelledId, retimedId;
        await using (var setup = database.NewContext())
        {
            OutboxMail sent = Mail("sent@example.jp"), backingOff = Mail("later@example.jp"), failed = Mail("failed@example.jp");
            FollowUp cancelled = FollowUpDueIn(1), retimed = FollowUpDueIn(2);
            setup.Outbox.AddRange(sent, backingOff, failed);
            setup.FollowUps.AddRange(cancelled, retimed);
            failed.MarkAttemptFailed("550 no such user", permanent: true, maxAttempts: 3, TimeSpan.FromSeconds(30), Now);
            await setup.SaveChangesAsync();
            (sentId, backingOffId, failedId, cancelledId, retimedId) = (sent.Id, backingOff.Id, failed.Id, cancelled.Id, retimed.Id);
        }

        await using (var db = NewContext())
        {
            (await db.Outbox.SingleAsync(m => m.Id == sentId)).MarkSent(Now);
            (await db.Outbox.SingleAsync(m => m.Id == backingOffId)).MarkAttemptFailed("421 try later", permanent: false, 3, TimeSpan.FromSeconds(30), Now);
            (await db.FollowUps.SingleAsync(f => f.Id == cancelledId)).Cancel("status-changed", Now);
            await db.SaveChangesAsync();
        }

        outbox.DidNotReceive().MailQueued();
        followUps.DidNotReceiveWithAnyArgs().Planned(default);

        await using (var db = NewContext())
        {
            Assert.True((await db.Outbox.SingleAsync(m => m.Id == failedId)).Retry(Now));
            var retimed = await db.FollowUps.SingleAsync(f => f.Id == retimedId);
            db.Entry(retimed).Property(f => f.DueAt).CurrentValue = Now.AddMinutes(30);
            await db.SaveChangesAsync();
        }

        outbox.Received(1).MailQueued();
        followUps.Received(1).Planned(Now.AddMinutes(30));
        followUps.ReceivedWithAnyArgs(1).Planned(default);
    }
}
