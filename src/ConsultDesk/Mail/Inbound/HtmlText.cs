using System.Text;
using MimeKit.Text;

namespace ConsultDesk.Mail.Inbound;

/// <summary>
/// A plain-text rendering of an HTML-only mail for the case timeline: paragraphs and line breaks kept, list items
/// as "- ", link targets after their text, blockquotes as "> " lines (so quoted history folds like plain text),
/// scripts, styles and the head dropped. MimeKit 4 has a tokenizer but no HTML-to-text converter.
/// </summary>
public static class HtmlText
{
    public static string ToText(string html)
    {
        var writer = new LineWriter();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skipDepth = 0;
        var preDepth = 0;
        string? pendingHref = null;
        var linkText = new StringBuilder();

        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag:
                    if (tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title or HtmlTagId.NoScript)
                    {
                        if (!tag.IsEmptyElement) skipDepth = Math.Max(0, skipDepth + (tag.IsEndTag ? -1 : 1));
                        continue;
                    }
                    if (skipDepth > 0) continue;
                    switch (tag.Id)
                    {
                        case HtmlTagId.Br:
                            writer.LineBreak();
                            break;
                        case HtmlTagId.P or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6
                            or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.Table or HtmlTagId.HR:
                            writer.Paragraph();
                            break;
                        case HtmlTagId.BlockQuote:
                            writer.Paragraph();
                            writer.QuoteDepth = Math.Max(0, writer.QuoteDepth + (tag.IsEndTag ? -1 : 1));
                            break;
                        case HtmlTagId.Pre:
                            writer.Paragraph();
                            preDepth = Math.Max(0, preDepth + (tag.IsEndTag ? -1 : 1));
                            break;
                        case HtmlTagId.LI:
                            writer.EndLine();
                            if (!tag.IsEndTag) writer.Write("- ", preserveSpace: true);
                            break;
                        case HtmlTagId.Div or HtmlTagId.TR or HtmlTagId.DT or HtmlTagId.DD or HtmlTagId.Section or HtmlTagId.Article
                            or HtmlTagId.Header or HtmlTagId.Footer or HtmlTagId.Address or HtmlTagId.Center:
                            writer.EndLine();
                            break;
                        case HtmlTagId.TD or HtmlTagId.TH:
                            if (!tag.IsEndTag) writer.Write(" ", preserveSpace: false);
                            break;
                        case HtmlTagId.A when !tag.IsEndTag:
                            pendingHref = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value?.Trim();
                            linkText.Clear();
                            break;
                        case HtmlTagId.A when pendingHref is not null:
                            // Show where a link goes unless its text already says so (a phishing link cannot hide).
                            if (IsShownTarget(pendingHref) && !linkText.ToString().Contains(pendingHref.Replace("mailto:", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase))
                                writer.Write($" ({pendingHref})", preserveSpace: true);
                            pendingHref = null;
                            break;
                    }
                    break;
                case HtmlDataToken data when skipDepth == 0 && token.Kind == HtmlTokenKind.Data:
                    writer.Write(data.Data.Replace('\u00A0', ' '), preserveSpace: preDepth > 0);
                    if (pendingHref is not null) linkText.Append(data.Data);
                    break;
            }
        }
        return writer.ToString();
    }

    private static bool IsShownTarget(string href) =>
        href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collects lines, collapsing HTML whitespace, and never more than one blank line in a row.</summary>
    private sealed class LineWriter
    {
        private readonly List<string> lines = [];
        private readonly StringBuilder current = new();
        private int currentDepth;
        private bool pendingSpace;

        public int QuoteDepth { get; set; }

        public void Write(string text, bool preserveSpace)
        {
            if (preserveSpace)
            {
                var parts = text.Replace("\r\n", "\n").Split('\n');
                for (var i = 0; i < parts.Length; i++)
                {
                    if (i > 0) LineBreak();
                    Append(parts[i]);
                }
                return;
            }
            foreach (var ch in text)
            {
                if (ch is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    pendingSpace = current.Length > 0;
                    continue;
                }
                if (pendingSpace) Append(" ");
                pendingSpace = false;
                Append(ch.ToString());
            }
        }

        private void Append(string text)
        {
            if (text.Length == 0) return;
            if (current.Length == 0) currentDepth = QuoteDepth;
            current.Append(text);
        }

        /// <summary>A &lt;br&gt;: always a new line, even an empty one.</summary>
        public void LineBreak()
        {
            if (current.Length == 0) currentDepth = QuoteDepth;
            Flush();
        }

        /// <summary>Ends the current line if it has text (block boundaries).</summary>
        public void EndLine()
        {
            if (current.Length > 0) Flush();
        }

        /// <summary>A paragraph boundary: the current line ends and one blank line follows.</summary>
        public void Paragraph()
        {
            EndLine();
            if (lines.Count > 0 && lines[^1].TrimStart('>', ' ').Length > 0) lines.Add(Prefix(QuoteDepth).TrimEnd());
        }

        private void Flush()
        {
            lines.Add((Prefix(currentDepth) + current.ToString().TrimEnd()).TrimEnd());
            current.Clear();
            pendingSpace = false;
        }

        private static string Prefix(int depth) => depth == 0 ? "" : string.Concat(Enumerable.Repeat("> ", depth));

        public override string ToString()
        {
            EndLine();
            var result = new List<string>();
            foreach (var line in lines)
            {
                var blank = line.TrimStart('>', ' ').Length == 0;
                if (blank && (result.Count == 0 || result[^1].TrimStart('>', ' ').Length == 0)) continue;
                result.Add(line);
            }
            while (result.Count > 0 && result[^1].TrimStart('>', ' ').Length == 0) result.RemoveAt(result.Count - 1);
            return string.Join('\n', result);
        }
    }
}
