using AngleSharp.Html.Parser;
using ConsultDesk.Domain.Info;

namespace ConsultDesk.UnitTests.Info;

/// <summary>
/// Item bodies are Markdown an editor may paste from anywhere: whatever the payload, the rendered HTML carries no
/// script, no event handler, no style and no javascript:/data:/vbscript: URL, while ordinary Markdown still renders.
/// </summary>
public sealed class InfoMarkdownXssTests
{
    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "前文<SCRIPT SRC=https://evil.example/x.js></SCRIPT>後文",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\" style=\"position:fixed\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](java&#x0A;script:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click]( javascript:alert(1) \"title\")",
        "[click](%6A%61%76%61script:alert(1))",
        "[click](\\javascript:alert(1))",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](DATA:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[click](vbscript:msgbox(1))",
        "[click](VBScript:msgbox(1))",
        "[click][r]\n\n[r]: javascript:alert(1)",
        "[click][r]\n\n[r]: <data:text/html,<script>alert(1)</script>>",
        "[r]\n\n[r]: vbscript:msgbox(1) \"t\"",
        "![x](javascript:alert(1))",
        "![x](https://evil.example/track.png)",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "[![x](https://evil.example/a.png)](javascript:alert(1))",
        "[x](https://example.jp/\"onmouseover=\"alert(1))",
        "[x](https://example.jp/ \"a\\\" onmouseover=\\\"alert(1)\")",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "# <img src=x onerror=alert(1)>",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
        "- <a href=javascript:alert(1)>x</a>\n- [y](javascript:alert(1))",
        "<style>body{display:none}</style>",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<!--<img src=x onerror=alert(1)>-->",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_renders_without_script_handler_style_or_dangerous_url(string markdown)
    {
        var html = InfoMarkdown.ToHtml("## 見出し\n\n" + markdown + "\n\n[総務省](https://www.soumu.go.jp/)");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, new[] { "script", "iframe", "svg", "math", "style", "form", "object", "embed", "base", "meta", "link" });
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "srcset" or "background")
                {
                    var url = new string(attribute.Value.Where(c => c > ' ').ToArray()).ToLowerInvariant();
                    Assert.False(url.StartsWith("javascript:") || url.StartsWith("data:") || url.StartsWith("vbscript:") || url.Contains("script:"),
                        $"{attribute.Name}=\"{attribute.Value}\" in {html}");
                }
                if (element.LocalName == "img" && attribute.Name == "src")
                    Assert.StartsWith(InfoMarkdown.ImagePath, attribute.Value);
            }
        }
        // The ordinary Markdown around the payload still renders.
        Assert.Contains("<h2 id=\"見出し\">見出し</h2>", html);
        Assert.Contains("<a href=\"https://www.soumu.go.jp/\" rel=\"noopener noreferrer\">総務省</a>", html);
    }

    [Fact]
    public void Ordinary_markdown_keeps_heading_ids_links_lists_and_portal_images()
    {
        var html = InfoMarkdown.ToHtml("# 概要\n\n## Security guideline\n\n- 一つ目\n- [二つ目](https://example.jp/a?b=1&c=2)\n\n1. first\n2. <mailto:desk@example.jp>\n\n"
            + "![会場の写真](/info/images/0190c6a2-1111-7000-8000-000000000001)\n\nhttps://www.mlit.go.jp/ を参照。");
        Assert.Contains("<h1 id=\"概要\">概要</h1>", html);
        Assert.Contains("<h2 id=\"security-guideline\">Security guideline</h2>", html);
        Assert.Contains("<ul>", html);
        Assert.Contains("<li>一つ目</li>", html);
        Assert.Contains("<a href=\"https://example.jp/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">二つ目</a>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("href=\"mailto:desk@example.jp\"", html);
        Assert.Contains("<img src=\"/info/images/0190c6a2-1111-7000-8000-000000000001\" alt=\"会場の写真\">", html);
        Assert.Contains("<a href=\"https://www.mlit.go.jp/\" rel=\"noopener noreferrer\">https://www.mlit.go.jp/</a>", html);
    }

    [Fact]
    public void A_raw_script_shows_as_text_and_a_javascript_link_keeps_its_words_without_the_url()
    {
        var html = InfoMarkdown.ToHtml("<script>alert(1)</script>\n\n[押してください](javascript:alert(1))");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("押してください", html);
        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
    }
}
