using System.Globalization;
using System.Text;

namespace ConsultDesk.Domain;

/// <summary>
/// What every public form and the intake API do to a typed value before validating it, so ０３－１２３４ and 03-1234
/// are the same answer. NFKC is applied whole only where it cannot change meaning (digits, codes, mail addresses);
/// free text keeps its characters except full-width ASCII, the ideographic space and half-width kana, which are
/// folded to their ordinary forms (①, ㈱ and 髙 stay as typed).
/// </summary>
public static class FormInput
{
    /// <summary>Dashes people type for a hyphen in numbers: minus, full-width hyphen-minus, Unicode hyphens and dashes, the long vowel mark.</summary>
    private static readonly char[] HyphenLikes = ['‐', '‑', '‒', '–', '—', '―', '−', 'ー', '－', 'ｰ', '─', '━', '﹣'];

    /// <summary>A one-line text: trimmed, full-width ASCII and spaces made half-width, half-width kana made full-width; blank is null.</summary>
    public static string? Text(string? value)
    {
        if (value is null) return null;
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (ch is >= '\uFF01' and <= '\uFF5E') builder.Append((char)(ch - 0xFEE0));
            else if (ch == '\u3000') builder.Append(' ');
            else if (ch is >= '\uFF61' and <= '\uFF9F')
            {
                // A run of half-width kana, voiced marks included, composes as one (ｶﾞ → ガ).
                var start = i;
                while (i + 1 < value.Length && value[i + 1] is >= '\uFF61' and <= '\uFF9F') i++;
                builder.Append(value[start..(i + 1)].Normalize(NormalizationForm.FormKC));
            }
            else builder.Append(ch);
        }
        var folded = builder.ToString().Trim();
        return folded.Length == 0 ? null : folded;
    }

    /// <summary>Several lines of prose: only trimmed at both ends (its characters are the inquirer's); blank is null.</summary>
    public static string? Multiline(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A whole number as typed (１２０, 1,200, ２０００人 is not one): NFKC, without spaces or thousands separators.</summary>
    public static string? Number(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var folded = value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded)
            if (!char.IsWhiteSpace(ch) && ch is not ',' and not '、') builder.Append(ch);
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary><see cref="Number"/> parsed; false when it is not a whole number.</summary>
    public static bool TryParseNumber(string? value, out int number) =>
        int.TryParse(Number(value), NumberStyles.None, CultureInfo.InvariantCulture, out number);

    /// <summary>A phone number: NFKC, every hyphen-like dash made '-', spaces removed (validation reduces it to digits).</summary>
    public static string? Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var folded = Hyphens(value.Normalize(NormalizationForm.FormKC));
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded)
            if (!char.IsWhiteSpace(ch)) builder.Append(ch);
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// A postal code: 〒, spaces and any hyphen-like dash dropped after NFKC, then written NNN-NNNN when it is seven
    /// digits (anything else is returned folded, for the validator to refuse).
    /// </summary>
    public static string? PostalCode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = PostalDigits(value);
        return digits.Length == 7 && digits.All(char.IsAsciiDigit) ? digits[..3] + "-" + digits[3..] : digits.Length == 0 ? null : digits;
    }

    /// <summary>The postal code as seven digits when it is one, else null.</summary>
    public static string? PostalCodeDigits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = PostalDigits(value);
        return digits.Length == 7 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static string PostalDigits(string value)
    {
        var folded = Hyphens(value.Normalize(NormalizationForm.FormKC));
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded)
            if (!char.IsWhiteSpace(ch) && ch is not '-' and not '〒') builder.Append(ch);
        return builder.ToString();
    }

    /// <summary>A mail address: NFKC (full-width ＠ and letters), no whitespace anywhere; blank is null.</summary>
    public static string? Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var folded = value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded)
            if (!char.IsWhiteSpace(ch)) builder.Append(ch);
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>A code from a list (topic, industry, 団体コード): NFKC and trimmed; blank is null.</summary>
    public static string? Code(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Normalize(NormalizationForm.FormKC).Trim();

    private static string Hyphens(string value)
    {
        if (value.IndexOfAny(HyphenLikes) < 0) return value;
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (Array.IndexOf(HyphenLikes, chars[i]) >= 0) chars[i] = '-';
        return new string(chars);
    }
}
