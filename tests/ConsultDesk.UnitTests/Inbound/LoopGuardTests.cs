using System.Text;
using ConsultDesk.Mail.Inbound;
using MimeKit;

namespace ConsultDesk.UnitTests.Inbound;

public sealed class LoopGuardTests
{
    private const string Desk = "desk@consultdesk.example.jp";
    private const string DeskDomain = "consultdesk.example.jp";

    private static string? Check(string headers, string body = "本文です。")
    {
        var raw = Encoding.UTF8.GetBytes(headers.Replace("\n", "\r\n") + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n");
        var message = MimeMessage.Load(new MemoryStream(raw));
        return LoopGuard.ReasonToIgnore(message, InboundMessage.Read(message, raw), Desk, DeskDomain);
    }

    private const string Person = "From: 山田 <yamada@example.jp>\nTo: desk@consultdesk.example.jp\nSubject: 相談\nMessage-ID: <a1@example.jp>";

    [Fact]
    public void A_person_writing_is_not_ignored() => Assert.Null(Check(Person));

    [Theory]
    [InlineData("Auto-Submitted: no", null)]
    [InlineData("Auto-Submitted: No ; comment", null)]
    [InlineData("Auto-Submitted: auto-replied", LoopGuard.AutoSubmitted)]
    [InlineData("Auto-Submitted: auto-generated", LoopGuard.AutoSubmitted)]
    [InlineData("Auto-Submitted: auto-notified; owner-email=x@example.jp", LoopGuard.AutoSubmitted)]
    [InlineData("Precedence: bulk", LoopGuard.Bulk)]
    [InlineData("Precedence: junk", LoopGuard.Bulk)]
    [InlineData("Precedence: list", LoopGuard.Bulk)]
    [InlineData("Precedence: auto_reply", LoopGuard.AutoReply)]
    [InlineData("X-Autoreply: yes", LoopGuard.AutoReply)]
    [InlineData("X-Autorespond: vacation", LoopGuard.AutoReply)]
    [InlineData("X-Auto-Response-Suppress: DR, OOF, AutoReply", LoopGuard.AutoReply)]
    [InlineData("X-Auto-Response-Suppress: DR", null)]
    [InlineData("X-ConsultDesk-Reference: CD-2026-000123", LoopGuard.OwnMail)]
    [InlineData("X-Failed-Recipients: nobody@example.net", LoopGuard.Bounce)]
    [InlineData("Return-Path: <>", LoopGuard.Bounce)]
    public void Headers_that_mark_machine_mail(string header, string? reason) =>
        Assert.Equal(reason, Check(Person + "\n" + header));

    [Theory]
    [InlineData("From: desk@consultdesk.example.jp", LoopGuard.OwnMail)]
    [InlineData("From: \"窓口\" <DESK@ConsultDesk.Example.JP>", LoopGuard.OwnMail)]
    [InlineData("From: postmaster@example.jp", LoopGuard.MailerDaemon)]
    [InlineData("From: MAILER-DAEMON@example.jp", LoopGuard.MailerDaemon)]
    [InlineData("From: undisclosed-recipients:;", LoopGuard.NoSender)]
    public void Senders_that_are_machines_or_the_desk(string from, string reason) =>
        Assert.Equal(reason, Check($"{from}\nTo: desk@consultdesk.example.jp\nSubject: x\nMessage-ID: <b2@example.jp>"));

    [Fact]
    public void A_Message_ID_the_desk_minted_is_our_own_mail_coming_back() =>
        Assert.Equal(LoopGuard.OwnMail, Check("From: relay@example.jp\nSubject: x\nMessage-ID: <0196a4c1d2e37f00b1c2d3e4f5a6b7c8@consultdesk.example.jp>"));

    [Theory]
    [InlineData("自動応答: お問い合わせを受け付けました")]
    [InlineData("不在：11月27日まで")]
    [InlineData("Automatic reply: We have received your inquiry")]
    [InlineData("Out of Office: back on Monday")]
    public void Auto_reply_subjects(string subject) =>
        Assert.Equal(LoopGuard.AutoReply, Check($"From: a@example.jp\nSubject: {subject}\nMessage-ID: <c3@example.jp>"));

    [Theory]
    [InlineData("不在時の対応について")]
    [InlineData("Re: 自動応答の設定方法")]
    public void Subjects_that_only_mention_absence_are_people(string subject) =>
        Assert.Null(Check($"From: a@example.jp\nSubject: {subject}\nMessage-ID: <d4@example.jp>"));

    [Fact]
    public void A_read_receipt_report_is_a_bounce()
    {
        const string report = "From: a@example.jp\r\nSubject: Read\r\nMessage-ID: <e5@example.jp>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nRead.\r\n--b\r\nContent-Type: message/disposition-notification\r\n\r\n"
            + "Final-Recipient: rfc822; a@example.jp\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n--b--\r\n";
        var raw = Encoding.ASCII.GetBytes(report);
        var message = MimeMessage.Load(new MemoryStream(raw));

        Assert.Equal(LoopGuard.Bounce, LoopGuard.ReasonToIgnore(message, InboundMessage.Read(message, raw), Desk, DeskDomain));
    }
}
