using ConsultDesk.Mail.Inbound;

namespace ConsultDesk.UnitTests.Inbound;

public sealed class EncodedWordsTests
{
    private static string B(byte[] bytes) => Convert.ToBase64String(bytes);

    [Fact]
    public void Adjacent_words_join_without_the_folding_whitespace_and_text_around_them_stays()
    {
        Assert.Equal("Re: 日本 です", EncodedWords.Decode($"Re: =?UTF-8?B?{B("日"u8.ToArray())}?= \t =?utf-8?b?{B("本"u8.ToArray())}?= です"));
    }

    [Fact]
    public void A_character_split_across_two_words_is_put_back_together()
    {
        // 日 is E6 97 A5 in UTF-8; careless encoders cut words at a byte count.
        Assert.Equal("日", EncodedWords.Decode($"=?UTF-8?B?{B([0xE6, 0x97])}?= =?UTF-8?B?{B([0xA5])}?="));
    }

    [Fact]
    public void A_label_the_bytes_contradict_is_overruled()
    {
        // Labelled ISO-2022-JP, written in CP932 (①㈱): seen from misconfigured Japanese mailers.
        Assert.Equal("①㈱", EncodedWords.Decode($"=?ISO-2022-JP?B?{B([0x87, 0x40, 0x87, 0x8A])}?="));
        Assert.Equal("日本", EncodedWords.Decode($"=?x-unknown?B?{B("日本"u8.ToArray())}?="));
    }

    [Fact]
    public void Q_encoding_and_a_language_tag_are_understood()
    {
        Assert.Equal("テスト 件名", EncodedWords.Decode("=?ISO-2022-JP*ja?Q?=1B$B%F%9%H=1B(B_=1B$B7oL>=1B(B?="));
    }
}
