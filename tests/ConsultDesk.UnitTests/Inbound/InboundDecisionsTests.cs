using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Inbound;
using ConsultDesk.Features.Inbound;
using ConsultDesk.Mail;
using ConsultDesk.Mail.Inbound;
using ConsultDesk.UnitTests.Mail;

namespace ConsultDesk.UnitTests.Inbound;

/// <summary>The poller's decisions taken alone, on a database and no mailbox: reply matching, the flood cap, opt-out, names.</summary>
public sealed class InboundDecisionsTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc);
    private readonly UnitTestDatabase database = new();

    public void Dispose() => database.Dispose();

    private static InboundMessage Mail(string from, string subject, string? name = null, params string[] answers) => new()
    {
        Key = Guid.NewGuid().ToString("N") + "@sender.example",
        FromAddress = from,
        FromName = name,
        Subject = subject,
        Text = "本文",
        NewText = "本文",
        Answers = answers,
    };

    private async Task<Case> AddCaseAsync(ConsultDeskDbContext db, string reference, string email)
    {
        var @case = Case.Submit(reference, new Inquiry
        {
            InquirerType = InquirerType.Worker, FamilyName = "山田", GivenName = "花子", FamilyNameKana = "ヤマダ", GivenNameKana = "ハナコ",
            Email = email, PrefectureCode = "32", Topics = [Topic.Relocation], PreferredChannel = ContactChannel.Email,
            Subject = "移住", Message = "相談です", PrivacyConsentAt = Now,
        }, IntakeSource.Api, Now);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return @case;
    }

    private static async Task<OutboxMail> SendAsync(ConsultDeskDbContext db, Case @case, string to, DateTime at)
    {
        var mail = OutboxMail.Create(@case.Id, "case-mail", new RenderedMail("件名", "本文"), to, null, "desk.example.jp", at);
        db.Outbox.Add(mail);
        await db.SaveChangesAsync();
        return mail;
    }

    [Fact]
    public async Task A_mail_answering_our_mail_to_the_inquirer_belongs_to_the_case_as_the_inquirers()
    {
        await using var db = database.NewContext();
        var @case = await AddCaseAsync(db, "CD-2026-000001", "Hanako@Example.jp");
        var sent = await SendAsync(db, @case, "hanako@example.jp", Now);

        var match = await ReplyMatch.FindAsync(db, Mail("someone-else@example.jp", "Re: 件名", answers: sent.MessageId), CancellationToken.None);

        Assert.Equal(@case.Id, match.Case?.Id);
        Assert.False(match.Internal);
        Assert.False(match.ReferenceFromStranger);
    }

    [Fact]
    public async Task A_mail_answering_our_mail_to_someone_else_is_internal_to_that_case()
    {
        await using var db = database.NewContext();
        var @case = await AddCaseAsync(db, "CD-2026-000001", "hanako@example.jp");
        var toManager = await SendAsync(db, @case, "manager@town.example.jp", Now);

        var match = await ReplyMatch.FindAsync(db, Mail("manager@town.example.jp", "Re: 件名", answers: toManager.MessageId), CancellationToken.None);

        Assert.Equal(@case.Id, match.Case?.Id);
        Assert.True(match.Internal);
    }

    [Fact]
    public async Task Among_quoted_mails_one_sent_to_the_inquirer_wins_over_a_newer_one_sent_to_a_manager()
    {
        await using var db = database.NewContext();
        var @case = await AddCaseAsync(db, "CD-2026-000001", "hanako@example.jp");
        var toInquirer = await SendAsync(db, @case, "hanako@example.jp", Now);
        var toManager = await SendAsync(db, @case, "manager@town.example.jp", Now.AddHours(1));

        var match = await ReplyMatch.FindAsync(db, Mail("hanako@example.jp", "Re", answers: [toManager.MessageId, toInquirer.MessageId]), CancellationToken.None);

        Assert.Equal(@case.Id, match.Case?.Id);
        Assert.False(match.Internal);
    }

    [Fact]
    public async Task A_reference_in_the_subject_matches_only_from_the_inquirers_address_even_written_full_width()
    {
        await using var db = database.NewContext();
        var @case = await AddCaseAsync(db, "CD-2026-000123", "hanako@example.jp");

        var fromInquirer = await ReplyMatch.FindAsync(db, Mail("HANAKO@example.jp", "Re: ＣＤ－２０２６－０００１２３ の件"), CancellationToken.None);
        var fromStranger = await ReplyMatch.FindAsync(db, Mail("mallory@example.com", "cd-2026-000123"), CancellationToken.None);
        var unknown = await ReplyMatch.FindAsync(db, Mail("hanako@example.jp", "CD-2026-999999"), CancellationToken.None);

        Assert.Equal(@case.Id, fromInquirer.Case?.Id);
        Assert.Equal((null, true, false), (fromStranger.Case, fromStranger.ReferenceFromStranger, fromStranger.Internal));
        Assert.Equal(ReplyMatch.Result.None, unknown);
    }

    [Fact]
    public async Task The_flood_cap_counts_only_mails_acted_on_in_the_last_24_hours()
    {
        await using var db = database.NewContext();
        var uid = 0;
        void Add(DateTime at, InboundOutcome outcome, string from = "flood@example.jp") =>
            db.InboundMails.Add(InboundMail.Record("box", 1, ++uid, $"m{uid}@example.jp", from, "s", at, outcome, null, null));
        Add(Now.AddHours(-1), InboundOutcome.NewCase);
        Add(Now.AddHours(-2), InboundOutcome.Reply);
        Add(Now.AddHours(-3), InboundOutcome.Ignored);              // ignored mails do not count
        Add(Now.AddDays(-1), InboundOutcome.Reply);                 // exactly 24 hours ago: outside the window
        Add(Now.AddHours(-1), InboundOutcome.Reply, "other@example.jp");
        await db.SaveChangesAsync();

        Assert.False(await FloodCap.IsReachedAsync(db, "flood@example.jp", Now, 3, CancellationToken.None));
        Assert.True(await FloodCap.IsReachedAsync(db, "flood@example.jp", Now, 2, CancellationToken.None));
        Assert.False(await FloodCap.IsReachedAsync(db, "nobody@example.jp", Now, 1, CancellationToken.None));
    }

    [Theory]
    [InlineData("unsubscribe CD-2026-000001", "CD-2026-000001")]
    [InlineData("  UNSUBSCRIBE cd-2026-000001 ", "CD-2026-000001")]
    [InlineData("ｕｎｓｕｂｓｃｒｉｂｅ　ＣＤ－２０２６－０００００１", "CD-2026-000001")]
    [InlineData("Re: unsubscribe CD-2026-000001", null)]
    [InlineData("unsubscribe", null)]
    public void An_opt_out_is_a_subject_of_unsubscribe_and_a_reference_alone(string subject, string? reference) =>
        Assert.Equal(reference, OptOutByMail.RequestedReference(subject));

    [Fact]
    public async Task Only_the_cases_own_address_opts_out_and_only_once()
    {
        await using var db = database.NewContext();
        var @case = await AddCaseAsync(db, "CD-2026-000001", "hanako@example.jp");

        Assert.Equal(("unsubscribe-unmatched", (Guid?)null),
            await OptOutByMail.ApplyAsync(db, Mail("mallory@example.com", ""), "CD-2026-000001", Now, CancellationToken.None));
        Assert.Equal(("unsubscribe", (Guid?)@case.Id),
            await OptOutByMail.ApplyAsync(db, Mail("hanako@example.jp", ""), "CD-2026-000001", Now, CancellationToken.None));
        await db.SaveChangesAsync();
        await OptOutByMail.ApplyAsync(db, Mail("hanako@example.jp", ""), "CD-2026-000001", Now, CancellationToken.None);
        await db.SaveChangesAsync();

        Assert.Single(db.MailOptOuts);
        Assert.Single(db.Timeline.Where(e => e.CaseId == @case.Id && e.Type == "opted-out"));
    }

    [Theory]
    [InlineData("山田　太郎", false, "山田", "太郎")]
    [InlineData("\"Alex J. Smith\"", true, "Smith", "Alex J.")]
    [InlineData("佐藤", false, "佐藤", "")]
    [InlineData(null, false, "kato.ichiro", "")]
    [InlineData("  ", true, "kato.ichiro@example.jp", "")]
    public void Names_are_split_as_written_per_language(string? display, bool english, string family, string given) =>
        Assert.Equal((family, given), InboundInquiry.Names(Mail("kato.ichiro@example.jp", "", display), english));
}
