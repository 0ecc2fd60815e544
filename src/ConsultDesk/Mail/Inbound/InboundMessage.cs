using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace ConsultDesk.Mail.Inbound;

/// <summary>
/// What the desk keeps of a mail it received: who sent it, the subject, the text (rendered from HTML when that is
/// all there is), split into what was written now and the quoted history, and the Message-IDs it answers.
/// </summary>
public sealed record InboundMessage
{
    /// <summary>The Message-ID without angle brackets, or <c>sha256:…</c> of the raw bytes when the mail has none.</summary>
    public required string Key { get; init; }
    public required string FromAddress { get; init; }
    public string FromAddressNormalized => FromAddress.ToLowerInvariant();
    /// <summary>The sender as the per-sender flood cap counts it: a+1@ and a+2@ are one sender (<see cref="Domain.EmailAddress.LimitKey"/>).</summary>
    public string FromAddressKey => Domain.EmailAddress.LimitKey(FromAddress);
    public string? FromName { get; init; }
    public required string Subject { get; init; }
    /// <summary>The whole text, newlines as <c>\n</c>.</summary>
    public required string Text { get; init; }
    public required string NewText { get; init; }
    public string? QuotedText { get; init; }
    public bool FromHtml { get; init; }
    /// <summary>In-Reply-To, then References from the most recent back: what the mail answers.</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    public const int MaxKeyLength = 255;
    /// <summary>Text beyond this is cut: a case is a conversation, not an archive of attachments pasted inline.</summary>
    public const int MaxTextLength = 100_000;

    /// <summary>Reads a parsed mail; <paramref name="raw"/> is its bytes as the server holds them (for the digest key).</summary>
    public static InboundMessage Read(MimeMessage message, ReadOnlySpan<byte> raw)
    {
        var (fromAddress, fromName) = From(message);
        var (text, fromHtml) = Body(message);
        var split = QuotedHistory.Fold(text);
        return new InboundMessage
        {
            Key = KeyOf(message, raw),
            FromAddress = fromAddress,
            FromName = fromName is null ? null : SingleLine(fromName),
            Subject = SingleLine(HeaderText(message, HeaderId.Subject) ?? ""),
            Text = text,
            NewText = split.NewText,
            QuotedText = split.Quoted,
            FromHtml = fromHtml,
            Answers = AnswersOf(message),
        };
    }

    /// <summary>Header text without control characters (PostgreSQL refuses NUL; none belongs in a subject or a name).</summary>
    private static string SingleLine(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c)).Trim();

    private static string KeyOf(MimeMessage message, ReadOnlySpan<byte> raw)
    {
        var id = message.MessageId;
        if (string.IsNullOrWhiteSpace(id))
            id = message.Headers[HeaderId.MessageId]?.Trim().Trim('<', '>').Trim();
        if (string.IsNullOrWhiteSpace(id)) return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));
        return id.Length <= MaxKeyLength ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    private static List<string> AnswersOf(MimeMessage message)
    {
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo)) ids.Add(message.InReplyTo.Trim('<', '>'));
        ids.AddRange(message.References.Reverse().Select(r => r.Trim('<', '>')));
        return ids.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).Take(50).ToList();
    }

    private static (string Address, string? Name) From(MimeMessage message)
    {
        if (HeaderValue(message, HeaderId.From) is not { } value)
            return message.Sender is { } sender ? (sender.Address.Trim(), null) : ("", null);
        // MimeKit finds the address (ASCII); the display name is decoded here, from the header as written.
        var mailboxes = InternetAddressList.TryParse(ParserOptions.Default, value, out var parsed) ? parsed.Mailboxes.ToList() : [];
        if (mailboxes.Count == 0) return ("", null);
        var address = mailboxes[0].Address.Trim();
        string? phrase = null;
        var angle = value.IndexOf('<', StringComparison.Ordinal);
        if (mailboxes.Count == 1 && angle > 0)
            phrase = value[..angle];
        else if (mailboxes.Count == 1 && value.IndexOf('(', StringComparison.Ordinal) is var open and > 0 && value.LastIndexOf(')') is var close && close > open)
            phrase = value[(open + 1)..close];
        var name = phrase is null ? null : EncodedWords.Decode(Unquote(phrase.Trim())).Trim();
        return (address, string.IsNullOrEmpty(name) ? null : name);
    }

    /// <summary>A quoted display name without its quotes and backslash escapes.</summary>
    private static string Unquote(string phrase)
    {
        if (phrase.Length < 2 || phrase[0] != '"' || phrase[^1] != '"') return phrase;
        var inner = new StringBuilder(phrase.Length);
        for (var i = 1; i < phrase.Length - 1; i++)
        {
            if (phrase[i] == '\\' && i + 1 < phrase.Length - 1) i++;
            inner.Append(phrase[i]);
        }
        return inner.ToString();
    }

    /// <summary>
    /// A header as text. Raw 8-bit (CP932, EUC-JP, UTF-8) and raw ISO-2022-JP escapes are decoded by detection
    /// first; RFC 2047 encoded-words, being ASCII, pass through that untouched and are decoded after.
    /// </summary>
    public static string? HeaderText(MimeMessage message, HeaderId id) =>
        HeaderValue(message, id) is { } value ? EncodedWords.Decode(value).Trim() : null;

    /// <summary>The unfolded header value, its raw bytes decoded.</summary>
    private static string? HeaderValue(MimeMessage message, HeaderId id)
    {
        var header = message.Headers.FirstOrDefault(h => h.Id == id);
        return header is null ? null : JapaneseCharsets.Detect(header.RawValue).Replace("\r\n", "").Replace("\n", "");
    }

    private static (string Text, bool FromHtml) Body(MimeMessage message)
    {
        var parts = message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment).ToList();
        if (parts.FirstOrDefault(p => p.IsPlain) is { } plain)
            return (Normalize(Flowed.IsFlowed(plain) ? Flowed.Unwrap(Decode(plain), plain) : Decode(plain)), false);
        if (parts.FirstOrDefault(p => p.IsHtml) is { } html)
            return (Normalize(HtmlText.ToText(Decode(html))), true);
        if (parts.FirstOrDefault() is { } other)
            return (Normalize(Decode(other)), false);
        return ("", false);
    }

    /// <summary>Transfer-decodes the part (base64, quoted-printable) and decodes its text, trusting the charset only as far as the bytes agree.</summary>
    public static string Decode(TextPart part)
    {
        if (part.Content is null) return "";
        using var buffer = new MemoryStream();
        part.Content.DecodeTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var charset = part.ContentType.Charset;
        if (charset is null && part.IsHtml) charset = MetaCharset(bytes);
        return JapaneseCharsets.Decode(bytes, charset);
    }

    /// <summary>The charset an HTML part names in a &lt;meta&gt; tag when its Content-Type names none.</summary>
    private static string? MetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        var match = System.Text.RegularExpressions.Regex.Match(head, @"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9_\-]+)",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\0", "");
        text = text.TrimEnd().TrimStart('\n');
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength];
    }

    /// <summary>RFC 3676 format=flowed: a line ending in a space continues on the next (the signature separator excepted).</summary>
    private static class Flowed
    {
        public static bool IsFlowed(TextPart part) =>
            string.Equals(part.ContentType.Parameters["format"], "flowed", StringComparison.OrdinalIgnoreCase);

        /// <summary>Linear in the text: a paragraph is built in one buffer, and unwrapping stops past <paramref name="limit"/> characters.</summary>
        public static string Unwrap(string text, TextPart part, int limit = MaxTextLength)
        {
            var deleteSpace = string.Equals(part.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase);
            var output = new StringBuilder();
            var open = new StringBuilder();
            var isOpen = false;
            var openDepth = 0;
            var lines = 0;
            void Close()
            {
                if (lines++ > 0) output.Append('\n');
                output.Append(Quote(openDepth)).Append(open);
                open.Clear();
                isOpen = false;
            }
            foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
            {
                if (output.Length + open.Length > limit) break;
                var depth = 0;
                while (depth < rawLine.Length && rawLine[depth] == '>') depth++;
                var line = rawLine.AsSpan(depth);
                if (line.StartsWith(' ')) line = line[1..];   // space-stuffing
                if (isOpen && depth != openDepth) Close();
                var soft = line.EndsWith(' ') && !line.SequenceEqual("-- ");
                if (soft && deleteSpace) line = line[..^1];
                open.Append(line);
                isOpen = true;
                openDepth = depth;
                if (!soft) Close();
            }
            if (isOpen) Close();
            return output.ToString();
        }

        private static string Quote(int depth) => depth == 0 ? "" : new string('>', depth) + " ";
    }
}
