using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Domain.Inbound;
using ConsultDesk.Features.Inbound;
using ConsultDesk.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Inbound;

/// <summary>
/// Inbound mail end to end: the corpus of Japanese mails appended to the real dovecot mailbox, read by the poll
/// slice through the app's own services, and checked in the database and at the real SMTP sink.
/// </summary>
public abstract partial class InboundMailTests(InboundApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => TestMailbox.ClearAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<PollMailbox.Response> PollAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PollMailbox.Command());
    }

    private sealed record Submitted(string Reference, Guid CaseId, string Email, string AcknowledgementId);

    /// <summary>A case submitted through the API, and the Message-ID of its acknowledgement as the SMTP sink received it.</summary>
    private async Task<Submitted> SubmitAsync()
    {
        using var client = app.CreateClient();
        var email = Infrastructure.Inquiries.UniqueEmail("inbound");
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Company(email));
        response.EnsureSuccessStatusCode();
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var acknowledgement = Assert.Single(await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30)));
        var caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync());
        return new Submitted(reference, caseId, email, acknowledgement.MessageId ?? throw new InvalidOperationException("The acknowledgement has no Message-ID."));
    }

    private async Task WaitOnInquirerAsync(string reference)
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsync($"/api/v1/cases/{reference}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsJsonAsync($"/api/v1/cases/{reference}/transitions", new { to = "waiting-on-inquirer" })).StatusCode);
    }

    private Task<InboundMail> InboundAsync(string messageId) =>
        app.WithDbAsync(db => db.InboundMails.AsNoTracking().SingleAsync(m => m.MessageId == messageId));

    /// <summary>The timeline "message" entry an inbound mail added to its case.</summary>
    private async Task<JsonElement> MessageEntryAsync(Guid caseId, Guid inboundMailId)
    {
        var entries = await app.WithDbAsync(db => db.Timeline.AsNoTracking().Where(t => t.CaseId == caseId && t.Type == "message").Select(t => t.Content).ToListAsync());
        return Assert.Single(entries.Select(c => JsonDocument.Parse(c).RootElement),
            e => e.TryGetProperty("inboundMailId", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == inboundMailId);
    }

    private Task<int> CasesFromAsync(string email) =>
        app.WithDbAsync(db => db.Cases.CountAsync(c => c.EmailNormalized == email.ToLowerInvariant()));

    private Task<int> OutboxToAsync(string email) =>
        app.WithDbAsync(db => db.Outbox.CountAsync(m => m.ToAddress == email));

    [Fact]
    public async Task A_reply_to_the_acknowledgement_lands_on_its_case_wakes_it_and_cancels_its_reminders()
    {
        var submitted = await SubmitAsync();
        await WaitOnInquirerAsync(submitted.Reference);
        var scheduled = await app.WithDbAsync(db => db.FollowUps.AsNoTracking()
            .Where(f => f.CaseId == submitted.CaseId && f.State == FollowUpState.Scheduled).Select(f => f.Rule).ToListAsync());
        Assert.Equal(new[] { FollowUpRule.WaitingReminder1, FollowUpRule.WaitingReminder2, FollowUpRule.WaitingAutoClose },
            scheduled.Where(r => r != FollowUpRule.UnassignedEscalation).Order());

        var messageId = CorpusMail.NewMessageId("reply");
        var uids = await TestMailbox.AppendAsync(CorpusMail.Prepare("14-reply-gmail-ja.eml", messageId, from: submitted.Email, inReplyTo: submitted.AcknowledgementId));
        await PollAsync();

        var inbound = await InboundAsync(messageId);
        Assert.Equal(InboundOutcome.Reply, inbound.Outcome);
        Assert.Equal(submitted.CaseId, inbound.CaseId);
        var @case = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == submitted.CaseId));
        Assert.Equal(CaseStatus.New, @case.Status);
        var reminders = await app.WithDbAsync(db => db.FollowUps.AsNoTracking()
            .Where(f => f.CaseId == submitted.CaseId && f.Rule != FollowUpRule.UnassignedEscalation).ToListAsync());
        Assert.Equal(3, reminders.Count);
        Assert.All(reminders, f => Assert.Equal((FollowUpState.Cancelled, "inquirer-replied"), (f.State, f.Outcome)));

        var expected = CorpusMail.Get("14-reply-gmail-ja.eml");
        var entry = await MessageEntryAsync(submitted.CaseId, inbound.Id);
        Assert.Equal("inbound", entry.GetProperty("direction").GetString());
        Assert.Equal("mail", entry.GetProperty("via").GetString());
        Assert.Equal(expected.Subject, entry.GetProperty("subject").GetString());
        Assert.Equal("ご連絡ありがとうございます。\n来週の火曜日 10:00～11:00 でお願いします。", entry.GetProperty("body").GetString());
        Assert.Equal(expected.QuotedText, entry.GetProperty("quotedText").GetString());
        Assert.Equal(1, await CasesFromAsync(submitted.Email));
        Assert.True((await TestMailbox.FlagsAsync())[uids[0]].HasFlag(MailKit.MessageFlags.Seen));
    }

    [Fact]
    public async Task A_reply_mail_keeps_its_pdf_on_the_message_and_names_the_program_it_refused()
    {
        var submitted = await SubmitAsync();
        var messageId = CorpusMail.NewMessageId("attach");
        var pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid():N}\n%%EOF\n");
        var mail = new MimeKit.MimeMessage { Subject = "Re: 資料", MessageId = messageId, InReplyTo = submitted.AcknowledgementId };
        mail.From.Add(MimeKit.MailboxAddress.Parse(submitted.Email));
        mail.To.Add(MimeKit.MailboxAddress.Parse("desk@consultdesk.example.jp"));
        var body = new MimeKit.BodyBuilder { TextBody = "平面図を添付します。" };
        body.Attachments.Add("平面図.pdf", pdf, new MimeKit.ContentType("application", "octet-stream"));
        body.Attachments.Add("tool.pdf", [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0]);
        mail.Body = body.ToMessageBody();
        using var raw = new MemoryStream();
        await mail.WriteToAsync(raw);
        await TestMailbox.AppendAsync(raw.ToArray());

        await PollAsync();

        var inbound = await InboundAsync(messageId);
        Assert.Equal(InboundOutcome.Reply, inbound.Outcome);
        var entry = await MessageEntryAsync(submitted.CaseId, inbound.Id);
        var refused = Assert.Single(entry.GetProperty("refusedAttachments").EnumerateArray());
        Assert.Equal(("tool.pdf", "type"), (refused.GetProperty("fileName").GetString(), refused.GetProperty("reason").GetString()));
        var stored = await app.WithDbAsync(db => db.Attachments.AsNoTracking().Where(a => a.CaseId == submitted.CaseId).ToListAsync());
        var file = Assert.Single(stored);
        Assert.Equal(("平面図.pdf", "application/pdf", ScanStatus.NotScanned), (file.FileName, file.ContentType, file.ScanStatus));
        using var staff = await Staff.AdminAsync(app);
        Assert.Equal(pdf, await staff.GetByteArrayAsync($"/api/v1/cases/{submitted.Reference}/attachments/{file.Id}"));
        var page = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{submitted.Reference}");
        Assert.Equal(file.TimelineEntryId, Assert.Single(page.GetProperty("attachments").EnumerateArray()).GetProperty("timelineEntryId").GetGuid());
    }

    [Fact]
    public async Task A_subject_reference_finds_the_case_for_its_inquirer_but_a_stranger_opens_a_case_of_their_own()
    {
        var submitted = await SubmitAsync();
        // Full-width, as Japanese input methods often type it.
        var fullWidth = submitted.Reference.Replace("CD-", "ＣＤ－", StringComparison.Ordinal).Replace('-', '－');
        fullWidth = string.Concat(fullWidth.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c));
        var fromInquirer = CorpusMail.NewMessageId("subject");
        var fromStranger = CorpusMail.NewMessageId("stranger");
        var stranger = Infrastructure.Inquiries.UniqueEmail("stranger");
        await TestMailbox.AppendAsync(
            CorpusMail.Compose(submitted.Email, $"お問い合わせの件（{fullWidth}）", "受付番号を件名に入れて送ります。", fromInquirer),
            CorpusMail.Compose(stranger, $"Re: {submitted.Reference}", "他人の受付番号です。", fromStranger));

        await PollAsync();

        var reply = await InboundAsync(fromInquirer);
        Assert.Equal((InboundOutcome.Reply, (Guid?)submitted.CaseId), (reply.Outcome, reply.CaseId));
        Assert.Equal("受付番号を件名に入れて送ります。", (await MessageEntryAsync(submitted.CaseId, reply.Id)).GetProperty("body").GetString());
        var other = await InboundAsync(fromStranger);
        Assert.Equal((InboundOutcome.NewCase, "reference-sender-mismatch"), (other.Outcome, other.Reason));
        Assert.NotEqual(submitted.CaseId, other.CaseId);
        Assert.Equal(1, await CasesFromAsync(stranger));
    }

    [Fact]
    public async Task Unknown_mail_opens_an_other_case_for_triage_and_gets_an_acknowledgement()
    {
        var messageId = CorpusMail.NewMessageId("new");
        var sender = Infrastructure.Inquiries.UniqueEmail("newcase");
        await TestMailbox.AppendAsync(CorpusMail.Prepare("01-utf8-base64.eml", messageId, from: sender));

        await PollAsync();

        var inbound = await InboundAsync(messageId);
        Assert.Equal(InboundOutcome.NewCase, inbound.Outcome);
        var @case = await app.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Topics).SingleAsync(c => c.Id == inbound.CaseId));
        var expected = CorpusMail.Get("01-utf8-base64.eml");
        Assert.Equal(InquirerType.Other, @case.InquirerType);
        Assert.Equal(IntakeSource.Email, @case.Source);
        Assert.Equal(CaseStatus.New, @case.Status);
        Assert.Equal(InquiryLanguage.Ja, @case.Language);
        Assert.Equal(("山田", "太郎"), (@case.FamilyName, @case.GivenName));
        Assert.Equal(sender, @case.Email);
        Assert.Equal("サテライトオフィス開設のご相談（北海道）", @case.Subject);
        Assert.Equal(expected.Text, @case.Message);
        Assert.Equal(["other"], @case.Topics.Select(t => t.Topic));

        var acknowledgement = Assert.Single(await SmtpSink.WaitForAsync([sender], TimeSpan.FromSeconds(30)));
        Assert.Contains(@case.Reference, acknowledgement.Subject, StringComparison.Ordinal);
        // The acknowledgement goes to an address nobody checked: it repeats nothing of what the sender wrote.
        Assert.DoesNotContain("山田", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("𠮷野町の物件を検討しています。", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("サテライトオフィス開設", acknowledgement.TextBody + acknowledgement.Subject, StringComparison.Ordinal);
        Assert.Equal(messageId, acknowledgement.InReplyTo);
    }

    private static readonly string[] EncodingFiles =
    [
        "01-utf8-base64.eml", "02-utf8-qp.eml", "03-utf8-8bit-headers.eml", "04-iso2022jp-7bit.eml", "05-iso2022jp-qp.eml",
        "06-iso2022jp-folded-subject.eml", "07-iso2022jp-nec-specials.eml", "08-shiftjis-cp932.eml", "09-nocharset-cp932.eml",
        "10-nocharset-iso2022jp.eml", "11-nocharset-eucjp.eml", "12-eucjp-base64.eml", "13-html-only.eml", "15-reply-outlook-shiftjis.eml",
        "19-alternative-iso2022jp.eml", "20-no-message-id.eml", "22-flowed-english.eml",
    ];

    [Fact]
    public async Task Every_encoding_of_the_corpus_is_stored_on_the_case_without_mojibake()
    {
        var submitted = await SubmitAsync();
        var mails = EncodingFiles.Select(file => (File: file, Id: CorpusMail.NewMessageId("enc"), Sender: Infrastructure.Inquiries.UniqueEmail("enc"))).ToList();
        var prepared = mails.Select(m => m.File == "20-no-message-id.eml"
            ? CorpusMail.Bytes(m.File)   // keyed by the digest of its bytes: appended as it is
            : CorpusMail.Prepare(m.File, m.Id, from: m.Sender, inReplyTo: submitted.AcknowledgementId)).ToArray();
        var uids = await TestMailbox.AppendAsync(prepared);
        for (var i = 0; i < uids.Count; i++)
            Assert.Equal(prepared[i], await TestMailbox.RawAsync(uids[i]));   // the server holds the corpus bytes exactly

        await PollAsync();

        foreach (var (file, id, _) in mails.Where(m => m.File != "20-no-message-id.eml"))
        {
            var expected = CorpusMail.Get(file);
            var inbound = await InboundAsync(id);
            Assert.True(inbound.Outcome == InboundOutcome.Reply, $"{file}: {inbound.Outcome} {inbound.Reason}");
            Assert.Equal(submitted.CaseId, inbound.CaseId);
            Assert.Equal(expected.Subject, inbound.Subject);
            var entry = await MessageEntryAsync(submitted.CaseId, inbound.Id);
            Assert.Equal(expected.Subject, entry.GetProperty("subject").GetString());
            Assert.Equal(expected.NewText, entry.GetProperty("body").GetString());
            Assert.Equal(expected.QuotedText, entry.GetProperty("quotedText").ValueKind == JsonValueKind.Null ? null : entry.GetProperty("quotedText").GetString());
            Assert.DoesNotContain('\uFFFD', entry.GetProperty("body").GetString()!);
        }
        // Spot checks written out, so a wrong expected.json cannot hide a wrong decoder.
        var byFile = new Dictionary<string, JsonElement>();
        foreach (var (file, id, _) in mails.Where(m => m.File != "20-no-message-id.eml"))
            byFile[file] = await MessageEntryAsync(submitted.CaseId, (await InboundAsync(id)).Id);
        Assert.Equal("㈱髙橋製作所より①②の件", byFile["08-shiftjis-cp932.eml"].GetProperty("subject").GetString());
        Assert.Equal("①会場と②通信環境について", byFile["07-iso2022jp-nec-specials.eml"].GetProperty("subject").GetString());
        Assert.Equal("問い合わせ（①移住 ②就業）", byFile["09-nocharset-cp932.eml"].GetProperty("subject").GetString());
        Assert.Equal("空き家の活用について", byFile["10-nocharset-iso2022jp.eml"].GetProperty("subject").GetString());
        Assert.Equal("企業版ふるさと納税との併用", byFile["11-nocharset-eucjp.eml"].GetProperty("subject").GetString());
        Assert.StartsWith("お世話になっております。㈱髙橋製作所の髙橋です。", byFile["15-reply-outlook-shiftjis.eml"].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("-----Original Message-----", byFile["15-reply-outlook-shiftjis.eml"].GetProperty("quotedText").GetString(), StringComparison.Ordinal);

        // The mail without a Message-ID has no reference and answers nothing: it opened its own case, keyed by its digest.
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(CorpusMail.Bytes("20-no-message-id.eml")));
        var keyless = await InboundAsync(digest);
        Assert.Equal(InboundOutcome.NewCase, keyless.Outcome);
    }

    [Fact]
    public async Task Polling_again_or_after_the_cursor_is_lost_imports_nothing_twice()
    {
        var senders = new[] { Infrastructure.Inquiries.UniqueEmail("twice"), Infrastructure.Inquiries.UniqueEmail("twice") };
        var ids = new[] { CorpusMail.NewMessageId("twice"), CorpusMail.NewMessageId("twice") };
        await TestMailbox.AppendAsync(
            CorpusMail.Prepare("04-iso2022jp-7bit.eml", ids[0], from: senders[0]),
            CorpusMail.Prepare("08-shiftjis-cp932.eml", ids[1], from: senders[1]));

        await PollAsync();
        var again = await PollAsync();
        Assert.Equal(0, again.Read);

        // A lost cursor (or a server that renumbered the folder) reads everything again: Message-IDs stop it.
        await app.WithDbAsync(db => db.MailboxCursors.ExecuteUpdateAsync(set => set.SetProperty(c => c.LastUid, 0L)));
        var reread = await PollAsync();
        await app.WithDbAsync(db => db.MailboxCursors.ExecuteUpdateAsync(set => set.SetProperty(c => c.UidValidity, 1L)));
        var renumbered = await PollAsync();

        Assert.Equal((2, 2), (reread.Read, reread.Duplicates));
        Assert.Equal((2, 2), (renumbered.Read, renumbered.Duplicates));
        foreach (var (id, sender) in ids.Zip(senders))
        {
            Assert.Equal(1, await app.WithDbAsync(db => db.InboundMails.CountAsync(m => m.MessageId == id)));
            Assert.Equal(1, await CasesFromAsync(sender));
            Assert.Equal(1, await OutboxToAsync(sender));
        }
        Assert.Equal(2, (await SmtpSink.WaitForAsync(senders, TimeSpan.FromSeconds(30))).Count);
    }

    [Fact]
    public async Task Auto_replies_bounces_mailer_daemons_and_newsletters_open_nothing_and_send_nothing()
    {
        var submitted = await SubmitAsync();
        await WaitOnInquirerAsync(submitted.Reference);
        var ids = new Dictionary<string, string>
        {
            ["16-auto-reply.eml"] = CorpusMail.NewMessageId("auto"),
            ["17-dsn-bounce.eml"] = CorpusMail.NewMessageId("dsn"),
            ["18-mailer-daemon.eml"] = CorpusMail.NewMessageId("daemon"),
            ["21-newsletter-bulk.eml"] = CorpusMail.NewMessageId("bulk"),
        };
        var casesBefore = await app.CountCasesAsync();
        await TestMailbox.AppendAsync(
            CorpusMail.Prepare("16-auto-reply.eml", ids["16-auto-reply.eml"], from: submitted.Email, inReplyTo: submitted.AcknowledgementId),
            CorpusMail.Prepare("17-dsn-bounce.eml", ids["17-dsn-bounce.eml"]),
            CorpusMail.Prepare("18-mailer-daemon.eml", ids["18-mailer-daemon.eml"]),
            CorpusMail.Prepare("21-newsletter-bulk.eml", ids["21-newsletter-bulk.eml"]));

        var result = await PollAsync();

        Assert.Equal(4, result.Ignored + result.Duplicates);
        foreach (var (file, id) in ids)
        {
            var inbound = await InboundAsync(id);
            Assert.Equal((InboundOutcome.Ignored, CorpusMail.Get(file).Ignored), (inbound.Outcome, inbound.Reason));
        }
        // The out-of-office reply names the case it answered, but is no message on it and wakes nothing.
        Assert.Equal(submitted.CaseId, (await InboundAsync(ids["16-auto-reply.eml"])).CaseId);
        var @case = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == submitted.CaseId));
        Assert.Equal(CaseStatus.WaitingOnInquirer, @case.Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == submitted.CaseId && t.Type == "message")));
        Assert.Equal(3, await app.WithDbAsync(db => db.FollowUps.CountAsync(f => f.CaseId == submitted.CaseId && f.State == FollowUpState.Scheduled
            && f.Rule != FollowUpRule.UnassignedEscalation)));
        Assert.Equal(casesBefore, await app.CountCasesAsync());
        Assert.Equal(1, await OutboxToAsync(submitted.Email));   // its acknowledgement, nothing more
        foreach (var machine in new[] { "MAILER-DAEMON@mx.example.net", "mailer-daemon@googlemail.com", "news@example.org" })
            Assert.Equal(0, await OutboxToAsync(machine));
    }

    [Fact]
    public async Task The_daily_cap_per_sender_holds_against_a_flood()
    {
        var sender = Infrastructure.Inquiries.UniqueEmail("flood");
        var ids = Enumerable.Range(1, InboundApp.MaxPerSenderPerDay + 2).Select(_ => CorpusMail.NewMessageId("flood")).ToList();
        await TestMailbox.AppendAsync(ids.Select((id, i) => CorpusMail.Compose(sender, $"大量送信 {i + 1}", $"{i + 1} 通目です。", id)).ToArray());

        await PollAsync();

        var rows = await app.WithDbAsync(db => db.InboundMails.AsNoTracking().Where(m => m.FromAddressNormalized == sender).ToListAsync());
        Assert.Equal(ids.Count, rows.Count);
        Assert.Equal(InboundApp.MaxPerSenderPerDay, rows.Count(r => r.Outcome == InboundOutcome.NewCase));
        Assert.Equal(2, rows.Count(r => r is { Outcome: InboundOutcome.Ignored, Reason: "flood" }));
        Assert.Equal(InboundApp.MaxPerSenderPerDay, await CasesFromAsync(sender));
        Assert.Equal(InboundApp.MaxPerSenderPerDay, await OutboxToAsync(sender));
    }

    [Fact]
    public async Task The_daily_cap_per_sender_counts_plus_tagged_spellings_as_one_sender()
    {
        var local = $"flood-{Guid.NewGuid():N}";
        var spellings = Enumerable.Range(1, InboundApp.MaxPerSenderPerDay + 2).Select(i => i % 2 == 0 ? $"{local.ToUpperInvariant()}+{i}@EXAMPLE.JP" : $"{local}+{i}@example.jp").ToList();
        var ids = spellings.Select(_ => CorpusMail.NewMessageId("flood")).ToList();
        await TestMailbox.AppendAsync(spellings.Select((from, i) => CorpusMail.Compose(from, $"大量送信 {i + 1}", $"{i + 1} 通目です。", ids[i])).ToArray());

        await PollAsync();

        var outcomes = new List<(InboundOutcome, string?)>();
        foreach (var id in ids) outcomes.Add(((await InboundAsync(id)).Outcome, (await InboundAsync(id)).Reason));
        Assert.Equal(InboundApp.MaxPerSenderPerDay, outcomes.Count(o => o.Item1 == InboundOutcome.NewCase));
        Assert.Equal(2, outcomes.Count(o => o == (InboundOutcome.Ignored, "flood")));
    }

    [Fact]
    public async Task An_unsubscribe_mail_from_the_cases_address_opts_it_out_once_and_a_strangers_does_nothing()
    {
        var submitted = await SubmitAsync();
        var stranger = Infrastructure.Inquiries.UniqueEmail("stranger");
        var ids = new[] { CorpusMail.NewMessageId("unsub"), CorpusMail.NewMessageId("unsub"), CorpusMail.NewMessageId("unsub") };
        await TestMailbox.AppendAsync(
            CorpusMail.Compose(submitted.Email, $"unsubscribe {submitted.Reference}", "", ids[0]),
            CorpusMail.Compose(submitted.Email, $"unsubscribe {submitted.Reference}", "", ids[1]),
            CorpusMail.Compose(stranger, $"unsubscribe {submitted.Reference}", "", ids[2]));

        await PollAsync();

        var optOut = await app.WithDbAsync(db => db.MailOptOuts.AsNoTracking().SingleAsync(o => o.EmailNormalized == submitted.Email));
        Assert.Equal((OptOutChannel.Mail, (Guid?)submitted.CaseId), (optOut.Channel, optOut.CaseId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == submitted.CaseId && t.Type == "opted-out")));
        Assert.Equal(0, await app.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == submitted.CaseId && t.Type == "message")));
        Assert.Equal("unsubscribe", (await InboundAsync(ids[0])).Reason);
        Assert.Equal("unsubscribe", (await InboundAsync(ids[1])).Reason);
        Assert.Equal((InboundOutcome.Ignored, "unsubscribe-unmatched"), ((await InboundAsync(ids[2])).Outcome, (await InboundAsync(ids[2])).Reason));
        Assert.Equal(0, await app.WithDbAsync(db => db.MailOptOuts.CountAsync(o => o.EmailNormalized == stranger)));
        Assert.Equal(0, await CasesFromAsync(stranger));
    }

    [Fact]
    public async Task A_mail_the_database_refuses_is_recorded_as_failed_and_does_not_block_the_mailbox()
    {
        var (refused, next) = (Infrastructure.Inquiries.UniqueEmail("refused"), Infrastructure.Inquiries.UniqueEmail("next"));
        var (refusedId, nextId) = (CorpusMail.NewMessageId("refused"), CorpusMail.NewMessageId("next"));
        await TestMailbox.AppendAsync(CorpusMail.Compose(refused, "拒否される問い合わせ", "本文です。", refusedId));
        // A deterministic, non-transient refusal of new cases: what a bug or a value the database rejects looks like.
        string[] refuse = app.Provider == "Postgres"
            ? ["""CREATE FUNCTION refuse_case() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql""",
               """CREATE TRIGGER refuse_case BEFORE INSERT ON "Cases" FOR EACH ROW EXECUTE FUNCTION refuse_case()"""]
            : ["""CREATE TRIGGER refuse_case BEFORE INSERT ON "Cases" BEGIN SELECT RAISE(ABORT, 'refused'); END"""];
        string[] allow = app.Provider == "Postgres"
            ? ["""DROP TRIGGER refuse_case ON "Cases" """, "DROP FUNCTION refuse_case()"]
            : ["DROP TRIGGER refuse_case"];
        foreach (var sql in refuse) await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        try
        {
            await PollAsync();
        }
        finally
        {
            foreach (var sql in allow) await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        }
        await TestMailbox.AppendAsync(CorpusMail.Compose(next, "次の問い合わせ", "本文です。", nextId));
        await PollAsync();

        Assert.Equal((InboundOutcome.Ignored, "import-failed", (Guid?)null), ((await InboundAsync(refusedId)).Outcome, (await InboundAsync(refusedId)).Reason, (await InboundAsync(refusedId)).CaseId));
        Assert.Equal(0, await CasesFromAsync(refused));
        Assert.Equal(0, await OutboxToAsync(refused));
        Assert.Equal(InboundOutcome.NewCase, (await InboundAsync(nextId)).Outcome);
    }

    [Fact]
    public async Task A_mail_larger_than_the_limit_is_recorded_as_too_large_left_unread_and_skipped()
    {
        var (big, next) = (Infrastructure.Inquiries.UniqueEmail("big"), Infrastructure.Inquiries.UniqueEmail("next"));
        var (bigId, nextId) = (CorpusMail.NewMessageId("big"), CorpusMail.NewMessageId("next"));
        var uids = await TestMailbox.AppendAsync(
            CorpusMail.Compose(big, "大きすぎるメール", new string('x', InboundApp.MaxMessageBytes + 1024), bigId),
            CorpusMail.Compose(next, "次の問い合わせ", "本文です。", nextId));

        await PollAsync();

        var tooLarge = await InboundAsync(bigId);
        Assert.Equal((InboundOutcome.Ignored, "too-large", (Guid?)null), (tooLarge.Outcome, tooLarge.Reason, tooLarge.CaseId));
        Assert.Equal((big, "大きすぎるメール"), (tooLarge.FromAddressNormalized, tooLarge.Subject));
        Assert.Equal(0, await CasesFromAsync(big));
        Assert.Equal(0, await OutboxToAsync(big));
        Assert.Equal(InboundOutcome.NewCase, (await InboundAsync(nextId)).Outcome);
        var flags = await TestMailbox.FlagsAsync();
        Assert.False(flags[uids[0]].HasFlag(MailKit.MessageFlags.Seen));   // left for a person to see
        Assert.True(flags[uids[1]].HasFlag(MailKit.MessageFlags.Seen));
        Assert.Equal(0, (await PollAsync()).Read);   // the cursor moved past both
    }

    [Fact]
    public async Task A_mail_that_fails_every_poll_is_recorded_as_import_failed_after_three_attempts_and_skipped()
    {
        var submitted = await SubmitAsync();
        await WaitOnInquirerAsync(submitted.Reference);
        var next = Infrastructure.Inquiries.UniqueEmail("next");
        var (replyId, nextId) = (CorpusMail.NewMessageId("poison"), CorpusMail.NewMessageId("next"));
        await TestMailbox.AppendAsync(
            CorpusMail.Compose(submitted.Email, "Re: 受付", "返信です。", replyId, inReplyTo: submitted.AcknowledgementId),
            CorpusMail.Compose(next, "次の問い合わせ", "本文です。", nextId));
        // The database silently skips every update of this case: saving the reply finds its row changed by someone
        // else every time (a concurrency conflict, which looks transient), so this mail fails on every poll.
        string[] skip = app.Provider == "Postgres"
            ? ["""CREATE FUNCTION skip_update() RETURNS trigger AS $$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql""",
               $"""CREATE TRIGGER skip_case_update BEFORE UPDATE ON "Cases" FOR EACH ROW WHEN (OLD."Reference" = '{submitted.Reference}') EXECUTE FUNCTION skip_update()"""]
            : [$"""CREATE TRIGGER skip_case_update BEFORE UPDATE ON "Cases" WHEN OLD."Reference" = '{submitted.Reference}' BEGIN SELECT RAISE(IGNORE); END"""];
        string[] allow = app.Provider == "Postgres"
            ? ["""DROP TRIGGER skip_case_update ON "Cases" """, "DROP FUNCTION skip_update()"]
            : ["DROP TRIGGER skip_case_update"];
        foreach (var sql in skip) await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        PollMailbox.Response third;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(PollAsync);
            await Assert.ThrowsAnyAsync<Exception>(PollAsync);
            Assert.Equal(0, await app.WithDbAsync(db => db.InboundMails.CountAsync(m => m.MessageId == replyId || m.MessageId == nextId)));
            third = await PollAsync();
        }
        finally
        {
            foreach (var sql in allow) await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        }

        Assert.Equal(2, third.Read);
        var failed = await InboundAsync(replyId);
        Assert.Equal((InboundOutcome.Ignored, "import-failed"), (failed.Outcome, failed.Reason));
        Assert.Equal(0, await app.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == submitted.CaseId && t.Type == "message")));
        Assert.Equal(InboundOutcome.NewCase, (await InboundAsync(nextId)).Outcome);
        Assert.Equal(0, (await PollAsync()).Read);
    }

    [Fact]
    public async Task Replies_to_the_escalation_and_to_a_municipality_introduction_stay_internal_and_never_reach_the_portal()
    {
        var submitted = await SubmitAsync();
        var token = PortalToken().Match((await SmtpSink.WaitForAsync([submitted.Email], TimeSpan.FromSeconds(30)))[0].TextBody ?? "").Groups[1].Value;
        await WaitOnInquirerAsync(submitted.Reference);
        const string manager = "manager-inbound@consultdesk.test", municipality = "kikaku@city-inbound.example.jp";
        // What the desk sent about this case to people other than its inquirer: the unassigned-case escalation to a
        // manager and the introduction to a municipality (rows as those slices write them).
        var (escalation, introduction) = await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var sent = (OutboxMail.Create(submitted.CaseId, Features.FollowUps.FollowUpMail.EscalationKind, new RenderedMail($"未割当の相談 {submitted.Reference}", "…"), manager, "窓口 管理者", "consultdesk.example.jp", now),
                OutboxMail.Create(submitted.CaseId, Features.Matching.MatchMail.IntroductionMunicipalityKind, new RenderedMail($"企業のご紹介 {submitted.Reference}", "…"), municipality, "企画課", "consultdesk.example.jp", now));
            db.Outbox.AddRange(sent.Item1, sent.Item2);
            await db.SaveChangesAsync();
            return (sent.Item1.MessageId, sent.Item2.MessageId);
        });
        var (managerId, municipalityId) = (CorpusMail.NewMessageId("manager"), CorpusMail.NewMessageId("municipality"));
        var managerText = $"manager-note-{Guid.NewGuid():N}";
        var municipalityText = $"municipality-answer-{Guid.NewGuid():N}";
        await TestMailbox.AppendAsync(
            CorpusMail.Compose(manager, $"Re: 未割当の相談 {submitted.Reference}", managerText, managerId, inReplyTo: escalation),
            CorpusMail.Compose(municipality, $"Re: 企業のご紹介 {submitted.Reference}", municipalityText, municipalityId, inReplyTo: introduction));

        var result = await PollAsync();

        Assert.Equal((2, 0), (result.Internal, result.Replies));
        foreach (var id in new[] { managerId, municipalityId })
            Assert.Equal((InboundOutcome.Internal, (Guid?)submitted.CaseId), ((await InboundAsync(id)).Outcome, (await InboundAsync(id)).CaseId));
        // Not the inquirer's answer: the case still waits on them and their reminders stand.
        var @case = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == submitted.CaseId));
        Assert.Equal(CaseStatus.WaitingOnInquirer, @case.Status);
        Assert.Equal(3, await app.WithDbAsync(db => db.FollowUps.CountAsync(f => f.CaseId == submitted.CaseId && f.State == FollowUpState.Scheduled
            && f.Rule != FollowUpRule.UnassignedEscalation)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == submitted.CaseId && t.Type == "message")));

        // Staff see both, labelled internal with their senders.
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var timeline = (await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{submitted.Reference}")).GetProperty("timeline").EnumerateArray().ToList();
        var internalMail = timeline.Where(e => e.GetProperty("type").GetString() == PollMailbox.InternalMailEntry).ToList();
        Assert.Equal(new[] { manager, municipality }.Order(), internalMail.Select(e => e.GetProperty("from").GetString()).Order());
        Assert.Contains(internalMail, e => e.GetProperty("body").GetString() == managerText);

        // The inquirer's portal shows neither; their own reply still shows there.
        using var anonymous = app.CreateClient();
        var inquirerId = CorpusMail.NewMessageId("inquirer");
        var inquirerText = $"inquirer-answer-{Guid.NewGuid():N}";
        await TestMailbox.AppendAsync(CorpusMail.Compose(submitted.Email, "Re: 受付", inquirerText, inquirerId, inReplyTo: submitted.AcknowledgementId));
        await PollAsync();
        Assert.Equal(InboundOutcome.Reply, (await InboundAsync(inquirerId)).Outcome);
        var portal = await anonymous.GetStringAsync($"/portal/{token}");
        Assert.Contains(inquirerText, portal, StringComparison.Ordinal);
        Assert.DoesNotContain(managerText, portal, StringComparison.Ordinal);
        Assert.DoesNotContain(municipalityText, portal, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/portal/([A-Za-z0-9_\-]{43})")]
    private static partial System.Text.RegularExpressions.Regex PortalToken();

    [Fact]
    public void The_poll_runs_on_its_recurring_schedule_when_the_mailbox_is_configured()
    {
        using var connection = Hangfire.JobStorage.Current.GetConnection();
        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == Jobs.PollMailboxJob.RecurringJobId);
        Assert.Equal("0 0 1 1 *", job.Cron);
    }
}

[Collection(InboundSqliteCollection.Name)]
public sealed class SqliteInboundMailTests(InboundSqliteApp app) : InboundMailTests(app);

[Collection(InboundPostgresCollection.Name)]
public sealed class PostgresInboundMailTests(InboundPostgresApp app) : InboundMailTests(app);

/// <summary>With no IMAP host the poll does nothing and no recurring poll is registered.</summary>
[Collection(SqliteCollection.Name)]
public sealed class InboundMailOffTests(SqliteApp app)
{
    [Fact]
    public async Task Without_an_imap_host_the_poll_is_off()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PollMailbox.Command());

        Assert.Equal(PollMailbox.Response.Off, response);
        using var connection = Hangfire.JobStorage.Current.GetConnection();
        Assert.DoesNotContain(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == Jobs.PollMailboxJob.RecurringJobId);
    }
}
