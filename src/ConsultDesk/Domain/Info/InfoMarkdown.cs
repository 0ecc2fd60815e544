using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ConsultDesk.Domain.Info;

/// <summary>
/// Item bodies: Markdown (CommonMark plus tables and auto-linked URLs) rendered by Markdig with raw HTML turned into
/// text, then sanitised by HtmlSanitizer, so neither a script, an event handler nor a <c>javascript:</c> (or
/// <c>data:</c>, <c>vbscript:</c>) URL survives whatever an editor pastes. Headings keep their ids (GitHub style, so a
/// Japanese heading gets a Japanese id) for in-page links; images may only come from the portal's own image store.
/// </summary>
public static class InfoMarkdown
{
    /// <summary>Where case-study images are served; the only image source a body may use.</summary>
    public const string ImagePath = "/info/images/";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    // One sanitiser per thread: HtmlSanitizer's configuration is shared state, its Sanitize is not documented as thread-safe.
    [ThreadStatic] private static HtmlSanitizer? sanitizer;

    private static HtmlSanitizer Sanitizer => sanitizer ??= CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) s.AllowedSchemes.Add(scheme);
        s.AllowedAttributes.Add("id");
        s.AllowedCssProperties.Clear();
        s.AllowedAttributes.Remove("style");
        s.AllowedTags.Remove("form");
        s.AllowedTags.Remove("input");
        s.AllowedTags.Remove("button");
        s.FilterUrl += (_, e) =>
        {
            if (e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase)
                && !(e.SanitizedUrl?.StartsWith(ImagePath, StringComparison.Ordinal) ?? false))
                e.SanitizedUrl = null;
        };
        s.PostProcessNode += (_, e) =>
        {
            // Links that leave the site open in the same tab but tell the target nothing about the reader's page.
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a && a.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                a.SetAttribute("rel", "noopener noreferrer");
        };
        s.AllowedAttributes.Add("rel");
        return s;
    }

    /// <summary>Safe HTML for a body.</summary>
    public static string ToHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The body as plain text (feeds' summaries, meta descriptions).</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, Pipeline).Trim();

    /// <summary>The absolute http(s) links of a body, in order and once each: what the link checker checks besides the main link.</summary>
    public static IReadOnlyList<Uri> ExternalLinks(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        var document = Markdown.Parse(markdown, Pipeline);
        var links = new List<Uri>();
        foreach (var inline in document.Descendants<Inline>())
        {
            var url = inline switch
            {
                LinkInline { IsImage: false } link => link.Url,
                AutolinkInline { IsEmail: false } auto => auto.Url,
                _ => null,
            };
            if (IsExternal(url, out var uri) && !links.Contains(uri)) links.Add(uri);
        }
        return links;
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http or https URL.</summary>
    public static bool IsExternal(string? url, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
        uri = parsed;
        return true;
    }
}
