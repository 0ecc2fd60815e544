using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ConsultDesk.UnitTests.Mail;

/// <summary>A one-time link in an outbox row: encrypted while pending, put back only in the message sent, gone from the row afterwards.</summary>
public sealed class OutboxSecretTests : IDisposable
{
    private readonly UnitTestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly IMailTransport transport = Substitute.For<IMailTransport>();
    private readonly IMailSession session = Substitute.For<IMailSession>();
    private readonly OutboxSecrets secrets = new(new EphemeralDataProtectionProvider());
    private readonly List<MimeMessage> sent = [];

    public OutboxSecretTests()
    {
        transport.OpenAsync(Arg.Any<CancellationToken>()).Returns(session);
        session.SendAsync(Arg.Is<MimeMessage>(m => m.To.Mailboxes.Single().Address == "ok@example.jp"), Arg.Any<CancellationToken>())
            .Returns(Task.CompletedTask).AndDoes(call => sent.Add(call.Arg<MimeMessage>()));
        session.SendAsync(Arg.Is<MimeMessage>(m => m.To.Mailboxes.Single().Address == "refused@example.jp"), Arg.Any<CancellationToken>())
            .Throws(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "no such user"));
    }

    private const string Token = "Abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE";

    private OutboxMail MailWithLink(string to)
    {
        var link = $"https://desk.example.jp/portal/{Token}";
        return OutboxMail.Create(null, "portal-link", new RenderedMail("リンク", $"ご相談ページ：\n{link}\n"), to, null, "desk.example.jp",
            clock.GetUtcNow().UtcDateTime, listUnsubscribe: $"<https://desk.example.jp/unsubscribe/{Token}>", secret: secrets.Seal(Token));
    }

    /// <summary>Every column of every outbox row, read back as text straight from the database.</summary>
    private async Task<List<string>> EveryStoredValueAsync()
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"OutboxMails\"";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++)
                if (!reader.IsDBNull(i)) values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return values;
    }

    private async Task DispatchAsync()
    {
        await using var db = database.NewContext();
        var handler = new DispatchOutbox.Handler(db, new WriteGate(serialize: true), transport, secrets, clock,
            Options.Create(new ConsultDeskOptions()), NullLogger<DispatchOutbox.Handler>.Instance);
        await handler.Handle(new DispatchOutbox.Command(), CancellationToken.None);
    }

    [Fact]
    public async Task A_pending_row_holds_the_link_only_encrypted_and_no_row_holds_it_after_sending_or_failing_for_good()
    {
        await using (var db = database.NewContext())
        {
            db.Outbox.Add(MailWithLink("ok@example.jp"));
            db.Outbox.Add(MailWithLink("refused@example.jp"));
            await db.SaveChangesAsync();
        }
        var pending = await EveryStoredValueAsync();
        Assert.DoesNotContain(pending, v => v.Contains(Token, StringComparison.Ordinal));
        Assert.Contains(pending, v => v.Contains("/portal/" + OutboxMail.SecretPlaceholder, StringComparison.Ordinal));

        await DispatchAsync();

        var message = Assert.Single(sent);
        Assert.Contains($"https://desk.example.jp/portal/{Token}", message.TextBody, StringComparison.Ordinal);
        Assert.Equal($"<https://desk.example.jp/unsubscribe/{Token}>", message.Headers["List-Unsubscribe"]);
        await using (var db = database.NewContext())
        {
            var rows = await db.Outbox.AsNoTracking().ToListAsync();
            Assert.Equal([OutboxStatus.Sent, OutboxStatus.Failed], rows.Select(r => r.Status).Order());
            Assert.All(rows, r => Assert.Null(r.ProtectedSecret));
        }
        var after = await EveryStoredValueAsync();
        Assert.DoesNotContain(after, v => v.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(pending.Where(v => v.StartsWith("CfDJ8", StringComparison.Ordinal)), after.Contains);
    }

    [Fact]
    public async Task A_failed_row_retried_by_an_admin_goes_out_with_a_dead_link_not_the_old_one()
    {
        await using (var db = database.NewContext())
        {
            var mail = MailWithLink("ok@example.jp");
            mail.MarkAttemptFailed("SmtpCommandException 550 RecipientNotAccepted", permanent: true, 8, TimeSpan.FromSeconds(30), clock.GetUtcNow().UtcDateTime);
            Assert.True(mail.Retry(clock.GetUtcNow().UtcDateTime));
            db.Outbox.Add(mail);
            await db.SaveChangesAsync();
        }

        await DispatchAsync();

        var message = Assert.Single(sent);
        Assert.Contains($"https://desk.example.jp/portal/{OutboxMail.DiscardedSecret}\n", message.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, message.TextBody, StringComparison.Ordinal);
    }

    public void Dispose() => database.Dispose();
}
