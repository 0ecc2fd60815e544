using System.Text;
using ConsultDesk.Mail.Inbound;

namespace ConsultDesk.UnitTests.Inbound;

public sealed class JapaneseCharsetsTests
{
    static JapaneseCharsetsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Sample = "お世話になっております。テレワークの導入について相談したいです。";

    // Bytes written by hand, not by .NET's encoders, so a decoder mistake cannot cancel out an encoder mistake.
    private static readonly byte[] ShiftJisMaruIchiKabu = [0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC]; // ①㈱髙 in CP932
    private static readonly byte[] EucJpNihongo = [0xC6, 0xFC, 0xCB, 0xDC, 0xB8, 0xEC, 0xA4, 0xC7, 0xA4, 0xB9];  // 日本語です
    private static readonly byte[] JisNihongo = [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C, 0x1B, 0x28, 0x42]; // 日本語

    [Fact]
    public void Declared_Shift_JIS_decodes_the_NEC_and_IBM_extensions_of_CP932()
    {
        Assert.Equal("①㈱髙", JapaneseCharsets.Decode(ShiftJisMaruIchiKabu, "Shift_JIS"));
        Assert.Equal("①㈱髙", JapaneseCharsets.Decode(ShiftJisMaruIchiKabu, "\"x-sjis\""));
        Assert.Equal("①㈱髙", JapaneseCharsets.Decode(ShiftJisMaruIchiKabu, "windows-31j"));
    }

    [Fact]
    public void Undeclared_bytes_are_told_apart()
    {
        Assert.Equal("日本語です", JapaneseCharsets.Detect(EucJpNihongo));
        Assert.Equal("①㈱髙", JapaneseCharsets.Detect(ShiftJisMaruIchiKabu));
        Assert.Equal("日本語", JapaneseCharsets.Detect(JisNihongo));
        Assert.Equal("日本語", JapaneseCharsets.Detect("日本語"u8));
        Assert.Equal("plain ascii", JapaneseCharsets.Detect("plain ascii"u8));
    }

    [Fact]
    public void Longer_prose_is_detected_as_CP932_or_EUC_JP_by_how_Japanese_it_reads()
    {
        Assert.Equal(Sample, JapaneseCharsets.Detect(Encoding.GetEncoding(932).GetBytes(Sample)));
        Assert.Equal(Sample, JapaneseCharsets.Detect(Encoding.GetEncoding(51932).GetBytes(Sample)));
    }

    [Fact]
    public void A_declaration_the_bytes_contradict_is_overruled()
    {
        // Labelled UTF-8 but written in CP932; labelled us-ascii but written in ISO-2022-JP.
        Assert.Equal(Sample, JapaneseCharsets.Decode(Encoding.GetEncoding(932).GetBytes(Sample), "utf-8"));
        Assert.Equal("日本語", JapaneseCharsets.Decode(JisNihongo, "us-ascii"));
        Assert.Equal("日本語", JapaneseCharsets.Decode(JisNihongo, "unknown-charset-x"));
    }

    [Fact]
    public void A_UTF_8_byte_order_mark_is_dropped()
    {
        Assert.Equal("日本語", JapaneseCharsets.Detect([0xEF, 0xBB, 0xBF, .. "日本語"u8]));
        Assert.Equal("日本語", JapaneseCharsets.Decode([0xEF, 0xBB, 0xBF, .. "日本語"u8], "UTF-8"));
    }
}
