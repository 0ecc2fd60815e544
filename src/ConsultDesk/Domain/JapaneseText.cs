using System.Globalization;
using System.Text;

namespace ConsultDesk.Domain;

/// <summary>Normalisation and checks for Japanese form input (kana readings, phone numbers, control characters).</summary>
public static class JapaneseText
{
    /// <summary>
    /// Turns a reading typed as hiragana, half-width katakana or full-width katakana into full-width katakana.
    /// NFKC folds half-width kana (and its separate voiced marks) into full-width; hiragana is shifted by hand.
    /// Spaces of either width are removed: readings are stored as one run per name part.
    /// </summary>
    public static string ToFullWidthKatakana(string value)
    {
        var folded = value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (ch is ' ' or '\u3000') continue;
            builder.Append(ch is >= '\u3041' and <= '\u3096' ? (char)(ch + 0x60) : ch);
        }
        return builder.ToString();
    }

    /// <summary>True when every character is full-width katakana, the long vowel mark or the middle dot.</summary>
    public static bool IsFullWidthKatakana(string value) =>
        value.Length > 0 && value.All(ch => ch is >= '\u30A1' and <= '\u30FA' or 'ー' or '・' or 'ヽ' or 'ヾ');

    private static readonly char[] PhoneSeparators = ['-', '‐', '‑', '‒', '–', '—', '―', '−', 'ー', '－', ' ', '\u3000', '(', ')', '（', '）', '.'];

    /// <summary>
    /// Reduces a Japanese phone number to its digits: full-width digits and every kind of hyphen, space and
    /// bracket people type are accepted; a leading +81 becomes the domestic 0.
    /// </summary>
    public static string NormalizePhone(string value)
    {
        var folded = value.Normalize(NormalizationForm.FormKC).Trim();
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded)
            if (Array.IndexOf(PhoneSeparators, ch) < 0) builder.Append(ch);
        var digits = builder.ToString();
        if (digits.StartsWith("+81", StringComparison.Ordinal))
            digits = "0" + digits[3..].TrimStart('0');
        return digits;
    }

    /// <summary>Domestic numbers: fixed lines and free dial have 10 digits, mobile/IP/0800 have 11; all start with 0.</summary>
    public static bool IsJapanesePhone(string digits) =>
        digits.Length is 10 or 11 && digits[0] == '0' && digits[1] != '0' && digits.All(char.IsAsciiDigit);

    /// <summary>Single-line fields must not carry control characters (CR/LF would reach mail headers) or line separators.</summary>
    public static bool IsSingleLine(string? value) =>
        value is null || !value.Any(ch => char.IsControl(ch) || ch is '\u2028' or '\u2029' or '\u0085');

    /// <summary>Multi-line text may hold line breaks and tabs but no other control characters.</summary>
    public static bool IsCleanMultiline(string? value) =>
        value is null || !value.Any(ch => (char.IsControl(ch) && ch is not '\r' and not '\n' and not '\t') || ch is '\u2028' or '\u2029');

    /// <summary>Length in user-perceived characters, so 𠮷 counts once, as it does for the person typing it.</summary>
    public static int TextLength(string value) => new StringInfo(value).LengthInTextElements;
}
