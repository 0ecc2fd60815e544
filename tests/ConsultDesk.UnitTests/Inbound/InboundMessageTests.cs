using ConsultDesk.Mail.Inbound;

namespace ConsultDesk.UnitTests.Inbound;

/// <summary>Every corpus mail reads exactly as the generator wrote it: sender, subject, text, new text, quoted history.</summary>
public sealed class InboundMessageTests
{
    private const string Desk = "desk@consultdesk.example.jp";
    private const string DeskDomain = "consultdesk.example.jp";

    private static (InboundMessage Mail, MimeKit.MimeMessage Message) Read(string file)
    {
        var raw = MailCorpus.Bytes(file);
        var message = MailCorpus.Parse(raw);
        return (InboundMessage.Read(message, raw), message);
    }

    [Fact]
    public void The_corpus_has_every_encoding_the_desk_must_read()
    {
        Assert.Equal(22, MailCorpus.All.Count);
        Assert.All(MailCorpus.All, e => Assert.True(File.Exists(Path.Combine(MailCorpus.Directory, e.File)), e.File));
    }

    [Theory]
    [MemberData(nameof(MailCorpus.Files), MemberType = typeof(MailCorpus))]
    public void Each_corpus_mail_reads_exactly_as_written(string file)
    {
        var expected = MailCorpus.Get(file);
        var (mail, _) = Read(file);

        Assert.Equal(expected.FromAddress, mail.FromAddress);
        Assert.Equal(expected.FromName, mail.FromName);
        Assert.Equal(expected.Subject, mail.Subject);
        Assert.Equal(expected.Text, mail.Text);
        Assert.Equal(expected.NewText, mail.NewText);
        Assert.Equal(expected.QuotedText, mail.QuotedText);
        Assert.Equal(expected.Html, mail.FromHtml);
        if (expected.MessageId is not null) Assert.Equal(expected.MessageId, mail.Key);
        foreach (var text in new[] { mail.Subject, mail.Text, mail.FromName ?? "" })
            AssertNoMojibake(text);
    }

    [Theory]
    [MemberData(nameof(MailCorpus.Files), MemberType = typeof(MailCorpus))]
    public void Loop_protection_ignores_exactly_the_machine_mails_of_the_corpus(string file)
    {
        var expected = MailCorpus.Get(file);
        var (mail, message) = Read(file);

        Assert.Equal(expected.Ignored, LoopGuard.ReasonToIgnore(message, mail, Desk, DeskDomain));
    }

    [Fact]
    public void Declared_Shift_JIS_reads_as_CP932_with_machine_dependent_characters()
    {
        var (mail, _) = Read("08-shiftjis-cp932.eml");

        Assert.Equal("㈱髙橋製作所より①②の件", mail.Subject);
        Assert.Equal("髙橋 一郎", mail.FromName);
        Assert.Contains("①オフィス見学\n②補助金の相談", mail.Text, StringComparison.Ordinal);
        Assert.Contains("ｻﾃﾗｲﾄｵﾌｨｽの件は 10:00\uFF5E12:00 で伺います。", mail.Text, StringComparison.Ordinal);
        Assert.EndsWith("㈱髙橋製作所", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_without_a_charset_is_detected_as_CP932_ISO_2022_JP_or_EUC_JP()
    {
        Assert.Equal("問い合わせ（①移住 ②就業）", Read("09-nocharset-cp932.eml").Mail.Subject);
        Assert.Equal("渡辺 ①", Read("09-nocharset-cp932.eml").Mail.FromName);
        Assert.StartsWith("はじめまして、渡辺と申します。\n①移住先の探し方", Read("09-nocharset-cp932.eml").Mail.Text, StringComparison.Ordinal);
        Assert.Equal("空き家の活用について", Read("10-nocharset-iso2022jp.eml").Mail.Subject);
        Assert.Equal("加藤です。\n町内の空き家をサテライトオフィスに活用できないか相談したいです。", Read("10-nocharset-iso2022jp.eml").Mail.Text);
        Assert.Equal("企業版ふるさと納税との併用", Read("11-nocharset-eucjp.eml").Mail.Subject);
        Assert.StartsWith("吉田と申します。", Read("11-nocharset-eucjp.eml").Mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ISO_2022_JP_reads_NEC_specials_the_wave_dash_and_folded_encoded_words()
    {
        Assert.Equal("①会場と②通信環境について", Read("07-iso2022jp-nec-specials.eml").Mail.Subject);
        Assert.Equal("伊藤 ㈱サンプル", Read("07-iso2022jp-nec-specials.eml").Mail.FromName);
        // JIS 0x2141 is U+FF5E on Windows: what the sender's screen showed.
        Assert.Contains("9:00\uFF5E17:00", Read("04-iso2022jp-7bit.eml").Mail.Text, StringComparison.Ordinal);
        Assert.Equal("【ご相談】地方創生テレワーク推進交付金の対象経費と申請スケジュールについて", Read("06-iso2022jp-folded-subject.eml").Mail.Subject);
        Assert.Equal("オンライン相談の予約", Read("05-iso2022jp-qp.eml").Mail.Subject);
    }

    [Fact]
    public void A_non_BMP_kanji_survives_UTF_8_base64()
    {
        Assert.Contains("𠮷野町の物件を検討しています。", Read("01-utf8-base64.eml").Mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_only_mail_gets_a_text_rendering_without_markup_scripts_or_styles()
    {
        var (mail, _) = Read("13-html-only.eml");

        Assert.True(mail.FromHtml);
        Assert.DoesNotContain("<", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("margin", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- 対象者の範囲\n- 通信費の負担", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_part_of_an_alternative_wins_over_the_html()
    {
        var (mail, _) = Read("19-alternative-iso2022jp.eml");

        Assert.False(mail.FromHtml);
        Assert.Equal("松本です。\n地域おこし協力隊と企業の連携事例を知りたいです。", mail.Text);
    }

    [Fact]
    public void A_reply_lists_what_it_answers_and_folds_its_history()
    {
        var (mail, _) = Read("14-reply-gmail-ja.eml");

        Assert.Equal(["0196a4c1d2e37f00b1c2d3e4f5a6b7c8@consultdesk.example.jp"], mail.Answers);
        Assert.Equal("ご連絡ありがとうございます。\n来週の火曜日 10:00～11:00 でお願いします。", mail.NewText);
        Assert.StartsWith("2026年11月20日(金) 10:00 地方創生テレワーク相談窓口 <desk@consultdesk.example.jp>:\n> 山田 太郎 様", mail.QuotedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_without_a_Message_ID_is_keyed_by_a_digest_of_its_bytes()
    {
        var raw = MailCorpus.Bytes("20-no-message-id.eml");
        var key = InboundMessage.Read(MailCorpus.Parse(raw), raw).Key;

        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw)), key);
        var changed = raw.ToArray();
        changed[^3] ^= 1;
        Assert.NotEqual(key, InboundMessage.Read(MailCorpus.Parse(changed), changed).Key);
    }

    [Fact]
    public void Format_flowed_joins_soft_breaks_but_keeps_the_signature_separator()
    {
        var (mail, _) = Read("22-flowed-english.eml");

        Assert.Equal("Hello, I am thinking about moving to Tokushima and keeping my job in Tokyo. Could you tell me which subsidies apply? Thank you.\n\n-- \nAlex Smith", mail.Text);
    }

    private static void AssertNoMojibake(string text)
    {
        Assert.DoesNotContain('\uFFFD', text);
        Assert.DoesNotContain('\u001B', text);
        // Japanese read as Latin-1 or Windows-1252 shows up as Latin-1 supplement letters (ã, â, Ã …).
        Assert.DoesNotContain(text, ch => ch is >= '\u0080' and <= '\u00FF');
        Assert.DoesNotContain("=?", text, StringComparison.Ordinal);
    }
}
