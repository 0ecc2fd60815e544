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
    /// <summary>Quote levels shown as "> "; deeper blockquotes are shown at this depth (their text is kept).</summary>
    public const int MaxQuoteDepth = 20;

    private static readonly string[] Prefixes = [.. Enumerable.Range(0, MaxQuoteDepth + 1).Select(d => string.Concat(Enumerable.Repeat("> ", d)))];

    /// <summary>The text of <paramref name="html"/>, cut at about <paramref name="limit"/> characters (reading stops there).</summary>
    public static string ToText(string html, int limit = InboundMessage.MaxTextLength)
    {
        var writer = new LineWriter(limit);
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skipDepth = 0;
        var preDepth = 0;
        string? pendingHref = null;
        var linkText = new StringBuilder();

        while (!writer.Full && tokenizer.ReadNextToken(out var token))
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
                            if (pendingHref?.Length > MaxLinkText) pendingHref = null;   // no address anyone reads; keeps the check below cheap
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
                    if (pendingHref is not null && linkText.Length < MaxLinkText) linkText.Append(data.Data);
                    break;
            }
        }
        return writer.ToString();
    }

    private const int MaxLinkText = 2048;

    private static bool IsShownTarget(string href) =>
        href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Collects lines, collapsing HTML whitespace, and never more than one blank line in a row. Linear in its input:
    /// each line is written to the output once, a quote prefix never has more than <see cref="MaxQuoteDepth"/> levels,
    /// and writing stops at <paramref name="limit"/> characters (a mail that nests a blockquote per line cannot make
    /// every line longer than the one before).
    /// </summary>
    private sealed class LineWriter(int limit)
    {
        private readonly StringBuilder output = new();
        private readonly StringBuilder current = new();
        private int currentDepth;
        private bool pendingSpace;
        /// <summary>A blank line held back until a line with text follows (blank lines at the end are dropped).</summary>
        private string? pendingBlank;
        private bool lastOutputBlank = true;
        private bool anyLine;
        private bool lastLineBlank;

        public int QuoteDepth { get; set; }

        /// <summary>Enough text: the caller stops reading.</summary>
        public bool Full => output.Length + current.Length >= limit;

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
                if (pendingSpace) Append(' ');
                pendingSpace = false;
                Append(ch);
            }
        }

        private void Append(string text)
        {
            if (text.Length == 0 || Full) return;
            if (current.Length == 0) currentDepth = QuoteDepth;
            current.Append(text);
        }

        private void Append(char ch)
        {
            if (Full) return;
            if (current.Length == 0) currentDepth = QuoteDepth;
            current.Append(ch);
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
            if (anyLine && !lastLineBlank) AddLine(Prefix(QuoteDepth).TrimEnd());
        }

        private void Flush()
        {
            var text = current.ToString();
            current.Clear();
            pendingSpace = false;
            AddLine((Prefix(currentDepth) + text.TrimEnd()).TrimEnd());
        }

        private void AddLine(string line)
        {
            anyLine = true;
            lastLineBlank = IsBlank(line);
            if (lastLineBlank)
            {
                if (!lastOutputBlank && pendingBlank is null) pendingBlank = line;
                return;
            }
            if (output.Length >= limit) return;
            if (pendingBlank is not null) output.Append('\n').Append(pendingBlank);
            if (output.Length > 0 || pendingBlank is not null) output.Append('\n');
            pendingBlank = null;
            output.Append(line);
            if (output.Length > limit) output.Length = limit;
            lastOutputBlank = false;
        }

        private static bool IsBlank(string line) => line.AsSpan().TrimStart("> ").Length == 0;

        private static string Prefix(int depth) => Prefixes[Math.Min(depth, MaxQuoteDepth)];

        public override string ToString()
        {
            EndLine();
            return output.ToString();
        }
    }
}
