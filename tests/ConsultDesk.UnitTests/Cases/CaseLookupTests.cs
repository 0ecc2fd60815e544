using ConsultDesk.Features.Cases;

namespace ConsultDesk.UnitTests.Cases;

public sealed class CaseLookupTests
{
    [Theory]
    [InlineData("taro@example.jp", CaseLookupKind.Email, "taro@example.jp")]
    [InlineData("  Taro@Example.JP ", CaseLookupKind.Email, "taro@example.jp")]
    [InlineData("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", CaseLookupKind.Email, "taro@example.jp")]     // full-width, folded by NFKC
    [InlineData("taro+desk@example.jp", CaseLookupKind.Email, "taro@example.jp")]         // a +tag is the same mailbox
    [InlineData("T.aro@gmail.com", CaseLookupKind.Email, "taro@gmail.com")]
    [InlineData("03-1234-5678", CaseLookupKind.Phone, "0312345678")]
    [InlineData("0312345678", CaseLookupKind.Phone, "0312345678")]
    [InlineData("０３－１２３４－５６７８", CaseLookupKind.Phone, "0312345678")]
    [InlineData("+81 3 1234 5678", CaseLookupKind.Phone, "0312345678")]
    [InlineData("(03) 1234-5678", CaseLookupKind.Phone, "0312345678")]
    [InlineData("090-1234-5678", CaseLookupKind.Phone, "09012345678")]
    [InlineData("CD-2026-000123", CaseLookupKind.Reference, "CD-2026-000123")]
    [InlineData("cd-2026-000123", CaseLookupKind.Reference, "CD-2026-000123")]
    [InlineData("ＣＤ－２０２６－０００１２３", CaseLookupKind.Reference, "CD-2026-000123")]
    public void Whole_emails_phones_and_references_are_exact_lookups(string text, CaseLookupKind kind, string key)
    {
        var lookup = CaseLookup.Parse(text);

        Assert.NotNull(lookup);
        Assert.Equal(kind, lookup.Kind);
        Assert.Equal(key, lookup.Key);
    }

    [Theory]
    [InlineData("taro@")]                  // part of an address: free text
    [InlineData("example.jp")]
    [InlineData("taro@example")]           // no dotted domain
    [InlineData("1234-5678")]              // part of a number
    [InlineData("03-1234-567")]            // too short
    [InlineData("3-1234-5678")]            // no leading 0
    [InlineData("123456789012")]           // too long
    [InlineData("03-1234-5678 髙橋")]       // a number and a word
    [InlineData("CD-2026-00012")]          // reference too short
    [InlineData("CD-2026")]
    [InlineData("サテライト")]
    [InlineData("   ")]
    public void Anything_else_stays_free_text(string text) => Assert.Null(CaseLookup.Parse(text));
}
