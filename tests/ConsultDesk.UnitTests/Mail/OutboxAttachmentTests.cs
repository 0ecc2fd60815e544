using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NSubstitute;

namespace ConsultDesk.UnitTests.Mail;

public sealed class OutboxAttachmentTests : IDisposable
{
    private readonly UnitTestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly IMailTransport transport = Substitute.For<IMailTransport>();
    private readonly IMailSession session = Substitute.For<IMailSession>();
    private readonly List<byte[]> sent = [];

    public OutboxAttachmentTests()
    {
        transport.OpenAsync(Arg.Any<CancellationToken>()).Returns(session);
        // Keep the bytes on the wire: what a relay and the recipient's client will parse.
        session.SendAsync(Arg.Do<MimeMessage>(m =>
        {
            using var stream = new MemoryStream();
            m.WriteTo(stream);
            sent.Add(stream.ToArray());
        }), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
    }

    private static readonly byte[] Csv = [0xEF, 0xBB, 0xBF, .. "都道府県,合計\r\n北海道,1\r\n"u8];

    [Fact]
    public async Task Attachments_are_saved_with_the_mail_and_sent_in_order_with_japanese_file_names_intact()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = database.NewContext())
        {
            var mail = OutboxMail.Create(null, "monthly-report", new RenderedMail("月次レポート", "本文"), "manager@example.jp", "佐藤", "desk.example.jp", now);
            mail.Attach("consultdesk-flow-2026-11.csv", ExcelCsv.ContentType, Csv);
            mail.Attach("月次レポート（都道府県別）.csv", ExcelCsv.ContentType, Csv);
            db.Outbox.Add(mail);
            db.Outbox.Add(OutboxMail.Create(null, "plain", new RenderedMail("件名", "添付なし"), "other@example.jp", null, "desk.example.jp", now));
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var handler = new DispatchOutbox.Handler(db, new WriteGate(serialize: true), transport, new OutboxSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), clock,
                Options.Create(new ConsultDeskOptions()), NullLogger<DispatchOutbox.Handler>.Instance);
            Assert.Equal(2, (await handler.Handle(new DispatchOutbox.Command(), CancellationToken.None)).Sent);
        }

        var messages = sent.Select(bytes => MimeMessage.Load(new MemoryStream(bytes))).ToList();
        var withFiles = Assert.Single(messages, m => m.Subject == "月次レポート");
        var files = withFiles.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["consultdesk-flow-2026-11.csv", "月次レポート（都道府県別）.csv"], files.Select(f => f.FileName));
        Assert.Equal("本文", withFiles.TextBody);
        foreach (var file in files)
        {
            using var content = new MemoryStream();
            file.Content!.DecodeTo(content);
            Assert.Equal(Csv, content.ToArray());
            Assert.Equal("text/csv", file.ContentType.MimeType);
        }
        // RFC 2231 (with continuations) on the wire: plain ASCII headers, no raw UTF-8 a relay could mangle.
        var wire = sent[messages.IndexOf(withFiles)];
        Assert.All(wire, b => Assert.True(b < 0x80));
        Assert.Contains("filename*0*=utf-8''%E6%9C%88%E6%AC%A1", System.Text.Encoding.ASCII.GetString(wire), StringComparison.OrdinalIgnoreCase);

        var plain = Assert.Single(messages, m => m.Subject == "件名");
        Assert.IsType<TextPart>(plain.Body);
    }

    public void Dispose() => database.Dispose();
}
