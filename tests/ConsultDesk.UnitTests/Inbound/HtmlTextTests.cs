using ConsultDesk.Mail.Inbound;

namespace ConsultDesk.UnitTests.Inbound;

public sealed class HtmlTextTests
{
    [Fact]
    public void Blockquotes_become_quoted_lines_that_fold_like_plain_text()
    {
        const string html = "<div dir=\"ltr\">承知しました。</div><br><div class=\"gmail_quote\"><div>2026年11月20日(金) 10:00 窓口 &lt;desk@consultdesk.example.jp&gt;:<br></div>"
            + "<blockquote class=\"gmail_quote\"><div>山田 様</div><div>ご返信ください。</div><blockquote>古い引用</blockquote></blockquote></div>";

        var text = HtmlText.ToText(html);
        var split = QuotedHistory.Fold(text);

        Assert.Equal("承知しました。\n\n2026年11月20日(金) 10:00 窓口 <desk@consultdesk.example.jp>:\n\n> 山田 様\n> ご返信ください。\n>\n> > 古い引用", text);
        Assert.Equal("承知しました。", split.NewText);
        Assert.StartsWith("2026年11月20日(金) 10:00 窓口", split.Quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void Preformatted_text_keeps_its_spaces_and_lines()
    {
        Assert.Equal("表:\n\n項目    金額\n通信費  3,000円", HtmlText.ToText("<p>表:</p><pre>項目    金額\n通信費  3,000円</pre>"));
    }

    [Fact]
    public void Links_show_their_target_unless_the_text_already_does()
    {
        Assert.Equal("資料 (https://example.jp/a) と https://example.jp/b",
            HtmlText.ToText("<a href=\"https://example.jp/a\">資料</a> と <a href=\"https://example.jp/b\">https://example.jp/b</a>"));
    }

    [Fact]
    public void Entities_are_decoded_and_markup_never_leaks()
    {
        Assert.Equal("<script> は & として表示", HtmlText.ToText("&lt;script&gt;&nbsp;は &amp; として表示<script>alert(1)</script><style>b{}</style>"));
    }
}
