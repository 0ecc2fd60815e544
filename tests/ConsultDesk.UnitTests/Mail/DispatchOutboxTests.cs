using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ConsultDesk.UnitTests.Mail;

public sealed class DispatchOutboxTests : IDisposable
{
    private readonly UnitTestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
    private readonly IMailTransport transport = Substitute.For<IMailTransport>();
    private readonly IMailSession session = Substitute.For<IMailSession>();
    private readonly List<MimeMessage> sent = [];
    private readonly ConsultDeskOptions options = new();

    public DispatchOutboxTests()
    {
        transport.OpenAsync(Arg.Any<CancellationToken>()).Returns(session);
        session.SendAsync(Arg.Do<MimeMessage>(sent.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        options.Mail.Outbox.RetryBaseDelay = TimeSpan.FromSeconds(30);
        options.Mail.Outbox.MaxAttempts = 3;
    }

    private async Task<Guid> AddCaseWithAcknowledgementAsync(string reference)
    {
        await using var db = database.NewContext();
        var now = clock.GetUtcNow().UtcDateTime;
        var @case = Case.Submit(reference, new Inquiry
        {
            InquirerType = InquirerType.Worker, FamilyName = "山田", GivenName = "花子", FamilyNameKana = "ヤマダ", GivenNameKana = "ハナコ",
            Email = "hanako@example.jp", PrefectureCode = "32", Topics = [Topic.Relocation], PreferredChannel = ContactChannel.Email,
            Subject = "移住", Message = "相談です", PrivacyConsentAt = now,
        }, IntakeSource.Api, now);
        db.Cases.Add(@case);
        var mail = OutboxMail.Create(@case.Id, "acknowledgement", new RenderedMail($"受付 {reference}", "本文 ①②③"), "hanako@example.jp", "山田 花子", "desk.example.jp", now);
        db.Outbox.Add(mail);
        await db.SaveChangesAsync();
        return mail.Id;
    }

    private async Task<DispatchOutbox.Response> DispatchAsync()
    {
        await using var db = database.NewContext();
        var handler = new DispatchOutbox.Handler(db, new WriteGate(serialize: true), transport, new OutboxSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), clock, Options.Create(options), NullLogger<DispatchOutbox.Handler>.Instance);
        return await handler.Handle(new DispatchOutbox.Command(), CancellationToken.None);
    }

    private async Task<OutboxMail> ReloadAsync(Guid id)
    {
        await using var db = database.NewContext();
        return await db.Outbox.SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_pending_mail_is_sent_once_with_its_stored_message_id_and_recorded_on_the_case()
    {
        var id = await AddCaseWithAcknowledgementAsync("CD-2026-000001");

        var first = await DispatchAsync();
        var second = await DispatchAsync();

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, second.Claimed);
        var message = Assert.Single(sent);
        Assert.Equal($"{id:N}@desk.example.jp", message.MessageId);
        Assert.Equal("受付 CD-2026-000001", message.Subject);
        Assert.Equal("CD-2026-000001", message.Headers["X-ConsultDesk-Reference"]);
        Assert.Equal("本文 ①②③", Assert.IsType<TextPart>(message.Body).Text);
        var stored = await ReloadAsync(id);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Timeline.CountAsync(t => t.Type == "mail-sent"));
    }

    [Fact]
    public async Task A_run_stopped_by_shutdown_sends_no_more_and_releases_the_leases_of_the_mails_it_did_not_try()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 4; i++) ids.Add(await AddCaseWithAcknowledgementAsync($"CD-2026-00000{i}"));
        using var stopping = new CancellationTokenSource();
        // The node is told to stop while the first mail is being handed to the server: that one completes.
        session.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            stopping.Cancel();
            return Task.CompletedTask;
        });

        await using (var db = database.NewContext())
        {
            var handler = new DispatchOutbox.Handler(db, new WriteGate(serialize: true), transport, new OutboxSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), clock, Options.Create(options), NullLogger<DispatchOutbox.Handler>.Instance);
            var result = await handler.Handle(new DispatchOutbox.Command(), stopping.Token);
            Assert.Equal(1, result.Sent);
        }

        var rows = new List<OutboxMail>();
        foreach (var id in ids) rows.Add(await ReloadAsync(id));
        Assert.Single(rows, row => row.Status == OutboxStatus.Sent);
        Assert.All(rows.Where(row => row.Status != OutboxStatus.Sent), row =>
        {
            Assert.Equal(OutboxStatus.Pending, row.Status);
            Assert.Null(row.LeasedUntil);
            Assert.Null(row.LeaseOwner);
            Assert.Equal(0, row.Attempts);
        });
        // Another node, at the same moment (no lease to wait out), sends the other three.
        session.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        Assert.Equal(3, (await DispatchAsync()).Sent);
    }

    [Fact]
    public async Task A_batch_shares_one_transport_session()
    {
        for (var i = 1; i <= 3; i++) await AddCaseWithAcknowledgementAsync($"CD-2026-00000{i}");

        var result = await DispatchAsync();

        Assert.Equal(3, result.Sent);
        await transport.Received(1).OpenAsync(Arg.Any<CancellationToken>());
        await session.Received(1).DisposeAsync();
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_a_growing_delay_with_the_same_message_id()
    {
        var id = await AddCaseWithAcknowledgementAsync("CD-2026-000001");
        transport.OpenAsync(Arg.Any<CancellationToken>()).Throws(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var failed = await DispatchAsync();
        var tooEarly = await DispatchAsync();

        Assert.Equal(1, failed.Retrying);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(30), failed.NextRetryAt);
        Assert.Equal(0, tooEarly.Claimed);
        var afterFirst = await ReloadAsync(id);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal(OutboxStatus.Pending, afterFirst.Status);
        Assert.Equal("SocketException ConnectionRefused", afterFirst.LastError);

        clock.Advance(TimeSpan.FromSeconds(30));
        var secondFailure = await DispatchAsync();
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(60), secondFailure.NextRetryAt); // doubled

        transport.OpenAsync(Arg.Any<CancellationToken>()).Returns(session);
        clock.Advance(TimeSpan.FromSeconds(60));
        var delivered = await DispatchAsync();
        Assert.Equal(1, delivered.Sent);
        Assert.Equal($"{id:N}@desk.example.jp", Assert.Single(sent).MessageId);
    }

    [Fact]
    public async Task A_rejected_recipient_fails_permanently_and_shows_on_the_case()
    {
        var id = await AddCaseWithAcknowledgementAsync("CD-2026-000001");
        session.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>())
            .Throws(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "no such user"));

        var result = await DispatchAsync();

        Assert.Equal(1, result.Failed);
        Assert.Null(result.NextRetryAt);
        var stored = await ReloadAsync(id);
        Assert.Equal(OutboxStatus.Failed, stored.Status);
        Assert.Equal("SmtpCommandException 550 RecipientNotAccepted", stored.LastError);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Timeline.CountAsync(t => t.Type == "mail-failed"));
    }

    [Fact]
    public async Task Attempts_run_out_after_the_configured_maximum()
    {
        var id = await AddCaseWithAcknowledgementAsync("CD-2026-000001");
        transport.OpenAsync(Arg.Any<CancellationToken>()).Throws(new IOException("connection reset"));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await DispatchAsync();
            clock.Advance(TimeSpan.FromHours(1));
        }

        var stored = await ReloadAsync(id);
        Assert.Equal(OutboxStatus.Failed, stored.Status);
        Assert.Equal(3, stored.Attempts);
    }

    [Fact]
    public async Task A_row_leased_by_a_run_that_died_becomes_claimable_when_the_lease_lapses()
    {
        await AddCaseWithAcknowledgementAsync("CD-2026-000001");
        await using (var db = database.NewContext())
        {
            var until = clock.GetUtcNow().UtcDateTime.AddMinutes(2);
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, until).SetProperty(m => m.LeaseOwner, Guid.NewGuid()));
        }

        var whileLeased = await DispatchAsync();
        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var afterLapse = await DispatchAsync();

        Assert.Equal(0, whileLeased.Claimed);
        Assert.Equal(1, afterLapse.Sent);
    }

    public void Dispose() => database.Dispose();
}
