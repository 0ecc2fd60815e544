using System.Text;

namespace ConsultDesk.Mail.Inbound;

/// <summary>
/// Turns the bytes of a Japanese mail's text into a string: trusts a declared charset when the bytes agree with it
/// (reading <c>Shift_JIS</c> as CP932, which is what Japanese Windows clients send), and otherwise detects
/// ISO-2022-JP escapes, UTF-8, or CP932 against EUC-JP.
/// </summary>
public static class JapaneseCharsets
{
    // First in textual order: static initialisers run top to bottom, and the code pages below need the provider.
    private static readonly bool CodePagesRegistered = RegisterCodePages();

    private static bool RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }

    // Strict decoders: a byte sequence that is not valid in the charset throws, so a wrong guess is noticed.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Cp932 = Strict(932);
    // CP50220 also reads NEC row 13 (①, ㈱ …) and the IBM extensions in JIS mode, and half-width katakana (ESC ( I).
    private static readonly Encoding Iso2022Jp = Strict(50220);
    private static readonly Encoding EucJp = Strict(51932);
    private static readonly Encoding Ascii = Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static Encoding Strict(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>Decodes text bytes labelled <paramref name="declaredCharset"/> (null when the mail names none).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        var declared = Declared(declaredCharset);
        // Mail labelled us-ascii (or anything ASCII-based) that carries JIS escapes is ISO-2022-JP in practice.
        if (declared is not null && declared.CodePage != Iso2022Jp.CodePage && !HasEightBit(bytes) && HasIso2022JpEscape(bytes))
            declared = Iso2022Jp;
        if (declared is not null && TryDecode(declared, bytes, out var text)) return text.TrimStart('\uFEFF');
        return Detect(bytes);
    }

    /// <summary>Decodes bytes whose charset nobody declared (or whose declaration the bytes contradict).</summary>
    public static string Detect(ReadOnlySpan<byte> bytes)
    {
        if (!HasEightBit(bytes))
            return HasIso2022JpEscape(bytes) && TryDecode(Iso2022Jp, bytes, out var jis) ? jis : Latin1(bytes);
        if (TryDecode(Utf8, bytes, out var utf8)) return utf8.TrimStart('\uFEFF');

        var sjisOk = TryDecode(Cp932, bytes, out var sjis);
        var eucOk = TryDecode(EucJp, bytes, out var euc);
        if (sjisOk && eucOk) return Score(euc) > Score(sjis) ? euc : sjis;
        if (sjisOk) return sjis;
        if (eucOk) return euc;
        // Neither decodes cleanly (a truncated or mixed message): keep what can be read, marking the rest.
        var lenientSjis = Encoding.GetEncoding(932).GetString(bytes);
        var lenientEuc = Encoding.GetEncoding(51932).GetString(bytes);
        return lenientEuc.Count(c => c == '\uFFFD') < lenientSjis.Count(c => c == '\uFFFD') ? lenientEuc : lenientSjis;
    }

    /// <summary>The encoding a charset label stands for, or null when it is unknown or absent.</summary>
    public static Encoding? Declared(string? charset)
    {
        var name = charset?.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case null or "":
                return null;
            // Japanese Windows (and most mobile clients) label CP932 as Shift_JIS; CP932 is a superset, so reading
            // every Shift_JIS label as CP932 gets ①②㈱髙 right and loses nothing.
            case "shift_jis" or "shift-jis" or "sjis" or "x-sjis" or "s-jis" or "ms_kanji" or "csshiftjis"
                or "windows-31j" or "cswindows31j" or "cp932" or "ms932" or "x-ms-cp932" or "windows-932":
                return Cp932;
            case "iso-2022-jp" or "csiso2022jp" or "iso-2022-jp-1" or "iso-2022-jp-2" or "iso-2022-jp-3"
                or "iso-2022-jp-2004" or "iso-2022-jp-ms" or "jis" or "x-iso-2022-jp":
                return Iso2022Jp;
            case "euc-jp" or "x-euc-jp" or "eucjp" or "euc_jp" or "ujis" or "cseucpkdfmtjapanese" or "eucjp-ms":
                return EucJp;
            case "utf-8" or "utf8":
                return Utf8;
            case "us-ascii" or "ascii" or "ansi_x3.4-1968":
                return Ascii;
        }
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static bool HasEightBit(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    /// <summary>ESC $ B, ESC $ @ (JIS X 0208), ESC ( J (JIS Roman), ESC ( I (half-width katakana), ESC $ ( D (JIS X 0212).</summary>
    public static bool HasIso2022JpEscape(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.IndexOf((byte)0x1B); i >= 0 && i + 2 < bytes.Length; i = NextEscape(bytes, i + 1))
        {
            var (a, b) = (bytes[i + 1], bytes[i + 2]);
            if ((a == (byte)'$' && b is (byte)'B' or (byte)'@' or (byte)'(') || (a == (byte)'(' && b is (byte)'J' or (byte)'I' or (byte)'B'))
                return true;
        }
        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> bytes, int from)
    {
        var next = bytes[from..].IndexOf((byte)0x1B);
        return next < 0 ? -1 : from + next;
    }

    /// <summary>
    /// How much a decoding reads like Japanese: kana and kanji count for it; half-width katakana runs, private-use
    /// characters and controls (what EUC-JP bytes turn into when read as CP932, and the reverse) count against it.
    /// </summary>
    private static int Score(string text)
    {
        var score = 0;
        foreach (var ch in text)
        {
            if (ch is >= '\u3041' and <= '\u309F') score += 3;          // hiragana: the strongest sign of Japanese prose
            else if (ch is >= '\u30A0' and <= '\u30FF') score += 2;     // katakana
            else if (ch is >= '\u4E00' and <= '\u9FFF') score += 1;     // kanji
            else if (ch is >= '\u3000' and <= '\u303F') score += 2;     // Japanese punctuation 、。「」
            else if (ch is >= '\uFF61' and <= '\uFF9F') score -= 2;     // half-width katakana
            else if (ch is >= '\uE000' and <= '\uF8FF') score -= 5;     // private use (user-defined characters)
            else if (char.IsControl(ch) && ch is not '\r' and not '\n' and not '\t') score -= 5;
        }
        return score;
    }
}
