using System.Text;
using System.Text.RegularExpressions;

namespace ConsultDesk.Mail.Inbound;

/// <summary>
/// RFC 2047 encoded-words (<c>=?ISO-2022-JP?B?…?=</c>), decoded through <see cref="JapaneseCharsets"/> rather than
/// MimeKit: MimeKit remembers a charset it could not load for the rest of the process, so one mail parsed before
/// the code pages were registered would spoil every later ISO-2022-JP or Shift_JIS header. Decoding here also reads
/// a declared Shift_JIS word as CP932, and overrules a label its bytes contradict.
/// </summary>
public static partial class EncodedWords
{
    /// <summary>Decodes every encoded-word in an unfolded header value; the text between them stays as it is.</summary>
    public static string Decode(string text)
    {
        var output = new StringBuilder(text.Length);
        string? charset = null;
        var bytes = new List<byte>();
        var position = 0;

        foreach (Match word in Word().Matches(text))
        {
            var between = text[position..word.Index];
            // Whitespace between two encoded-words is folding, not text (RFC 2047 §6.2).
            if (charset is null || between.Any(c => !char.IsWhiteSpace(c)))
            {
                Flush();
                output.Append(between);
            }
            var wordCharset = word.Groups["charset"].Value;
            // Adjacent words in one charset are decoded together: senders split multi-byte characters across words.
            if (charset is not null && !string.Equals(charset, wordCharset, StringComparison.OrdinalIgnoreCase)) Flush();
            charset = wordCharset;
            bytes.AddRange(word.Groups["encoding"].Value is "B" or "b" ? Base64(word.Groups["text"].Value) : QuotedPrintable(word.Groups["text"].Value));
            position = word.Index + word.Length;
        }
        Flush();
        output.Append(text[position..]);
        return output.ToString();

        void Flush()
        {
            if (charset is null) return;
            output.Append(JapaneseCharsets.Decode(bytes.ToArray(), charset));
            bytes.Clear();
            charset = null;
        }
    }

    private static byte[] Base64(string text)
    {
        var clean = new string(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/').ToArray());
        clean = clean.PadRight(clean.Length + (4 - clean.Length % 4) % 4, '=');
        var buffer = new byte[clean.Length];
        return Convert.TryFromBase64String(clean, buffer, out var written) ? buffer[..written] : [];
    }

    private static byte[] QuotedPrintable(string text)
    {
        var output = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_') output.Add(0x20);
            else if (c == '=' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var value))
            {
                output.Add(value);
                i += 2;
            }
            else output.Add((byte)c);
        }
        return output.ToArray();
    }

    // RFC 2231 allows a language after the charset (=?ISO-2022-JP*ja?B?…?=); it is dropped.
    [GeneratedRegex(@"=\?(?<charset>[^?*\s]+)(\*[^?\s]*)?\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex Word();
}
