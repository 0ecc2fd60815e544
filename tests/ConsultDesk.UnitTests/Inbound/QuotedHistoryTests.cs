using ConsultDesk.Mail.Inbound;

namespace ConsultDesk.UnitTests.Inbound;

public sealed class QuotedHistoryTests
{
    [Theory]
    [InlineData("On Fri, Nov 20, 2026 at 10:00 AM Desk <desk@consultdesk.example.jp> wrote:")]
    [InlineData("2026年11月20日(金) 10:00 地方創生テレワーク相談窓口 <desk@consultdesk.example.jp>:")]
    [InlineData("2026/11/20 10:00、地方創生テレワーク相談窓口 さんは書きました:")]
    [InlineData("-----Original Message-----")]
    [InlineData("-------- 元のメッセージ --------")]
    [InlineData("---------- Forwarded message ---------")]
    public void Everything_from_a_quote_header_on_is_history(string header)
    {
        var split = QuotedHistory.Fold($"承知しました。\nよろしくお願いします。\n\n{header}\n引用されない行も履歴です。\n> 引用");

        Assert.Equal("承知しました。\nよろしくお願いします。", split.NewText);
        Assert.Equal($"{header}\n引用されない行も履歴です。\n> 引用", split.Quoted);
    }

    [Fact]
    public void A_wrapped_Gmail_header_starts_the_history_at_its_first_line()
    {
        var split = QuotedHistory.Fold("Thanks.\n\nOn Fri, Nov 20, 2026 at 10:00 AM Regional Telework Desk <\ndesk@consultdesk.example.jp> wrote:\n> Hello");

        Assert.Equal("Thanks.", split.NewText);
        Assert.StartsWith("On Fri, Nov 20, 2026", split.Quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Outlook_header_block_without_a_separator_is_history()
    {
        var split = QuotedHistory.Fold("了解です。\n\n________________________________\n差出人: 地方創生テレワーク相談窓口 <desk@consultdesk.example.jp>\n送信日時: 2026年11月20日 10:00\n宛先: a@example.jp\n\n本文");

        Assert.Equal("了解です。", split.NewText);
        Assert.StartsWith("________________________________\n差出人:", split.Quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_quotes_are_folded_and_the_answers_between_them_kept()
    {
        var split = QuotedHistory.Fold("> 希望日時はありますか。\n火曜日の午後です。\n＞ 人数は？\n三名です。");

        Assert.Equal("火曜日の午後です。\n三名です。", split.NewText);
        Assert.Equal("> 希望日時はありますか。\n＞ 人数は？", split.Quoted);
    }

    [Theory]
    [InlineData("前回のメールで私はこう wrote:\n詳細です。")]
    [InlineData("日程について:\n火曜日です。")]
    [InlineData("From: のところに会社名を書きました。\n以上です。")]
    public void Ordinary_lines_that_look_a_little_like_headers_are_not_history(string text)
    {
        var split = QuotedHistory.Fold(text);

        Assert.Equal(text, split.NewText);
        Assert.Null(split.Quoted);
    }
}
