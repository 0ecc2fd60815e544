using System.Net;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>
/// The 宣言書 read back as a person's PDF reader and a phone would: extractable Japanese text in an embedded font,
/// the dates in 和暦 and 西暦, and a QR code that decodes to the public page.
/// </summary>
public abstract class CertificateTests(ConsultDeskAppFactory app)
{
    // 2026-12-04 01:30 UTC is 10:30 on 4 December in Japan.
    private static readonly DateTime AcceptedAt = new(2026, 12, 4, 1, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_certificate_carries_number_name_and_dates_as_text_in_an_embedded_font_and_a_QR_code_of_the_public_page()
    {
        // 鷲 and 巖 are in no Latin font: the name reads back only if the Japanese font is really used and embedded.
        var name = $"鷲巣織物工業株式会社{Guid.NewGuid().ToString("N")[..4]}";
        var content = Infrastructure.Declarations.Content(organizationName: name, itemCodes: ["1", "3"]) with
        {
            RepresentativeTitle = "代表取締役社長",
            RepresentativeName = "鷲巣 巖",
        };
        var seeded = await Infrastructure.Declarations.SeedAsync(app, content: content, nowUtc: AcceptedAt);
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/sengen/{seeded.Number}/certificate.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.InRange(page.Width, 594, 596);   // A4: 595 × 842 pt
        Assert.InRange(page.Height, 841, 843);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains($"第{seeded.Number:D6}号", text);
        Assert.Contains(name, text);
        Assert.Contains("代表取締役社長", text);
        Assert.Contains("鷲巣 巖", text.Replace("　", " "));
        Assert.Contains("令和8年12月4日", text);
        Assert.Contains("2026年12月4日", text);
        Assert.Contains("【1】採用の優位性の確保・社員の離職防止", text);
        Assert.Contains("【3】", text);
        Assert.Contains($"http://localhost:5261/sengen/{seeded.Number}", text);

        // Every font the page uses is embedded as a TrueType program (FontFile2), and it is IPAGothic.
        Assert.All(page.Letters, letter => Assert.Contains("IPAGothic", letter.FontName));
        var descriptors = FontDescriptors(pdf).ToList();
        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.True(d.ContainsKey(NameToken.FontFile2), "font descriptor without an embedded FontFile2"));

        Assert.Equal($"http://localhost:5261/sengen/{seeded.Number}", DecodeQr(pdf));
    }

    [Fact]
    public async Task Long_commitments_wrap_onto_further_pages_and_keep_every_word()
    {
        var ending = $"以上を全社で実行します{Guid.NewGuid().ToString("N")[..4]}。";
        var longText = string.Concat(Enumerable.Repeat("地方のサテライトオフィスで働く社員を毎年増やし、", 38)) + ending;
        Assert.InRange(longText.Length, 900, DeclarationCommitment.MaxTextLength);
        var content = Infrastructure.Declarations.Content(itemCodes: ["1", "2", "3", "5"]) with
        {
            Commitments = new[] { "1", "2", "3", "5" }.Select(code => new DeclarationCommitment(code, longText)).ToList(),
        };
        var seeded = await Infrastructure.Declarations.SeedAsync(app, content: content);
        using var client = app.CreateClient();

        var bytes = await client.GetByteArrayAsync($"/sengen/{seeded.Number}/certificate.pdf");

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2, $"expected several pages, got {pdf.NumberOfPages}");
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("【5】ワーケーション推進", text);
        Assert.Equal(4, CountOf(text, ending));
        Assert.Contains("令和", pdf.GetPage(pdf.NumberOfPages).Text);     // the date block is on the last page
        Assert.Equal($"http://localhost:5261/sengen/{seeded.Number}", DecodeQr(pdf));
        // Nothing runs off the paper.
        Assert.All(pdf.GetPages().SelectMany(p => p.Letters.Select(l => (Page: p, Letter: l))),
            x => Assert.InRange(x.Letter.BoundingBox.Right, 0, x.Page.Width));
    }

    [Fact]
    public async Task A_withdrawn_declaration_has_no_certificate_and_an_unknown_number_none_either()
    {
        var withdrawn = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Withdrawn);
        var returned = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Returned);
        using var client = app.CreateClient();

        using var gone = await client.GetAsync($"/sengen/{withdrawn.Number}/certificate.pdf");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("取り下げ", await gone.Content.ReadAsStringAsync());   // the HTML error page says why
        Assert.NotEqual("application/pdf", gone.Content.Headers.ContentType?.MediaType);

        using var unknown = await client.GetAsync("/sengen/987654321/certificate.pdf");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // A declaration that was never accepted has no number; its id is not a way in either.
        Assert.Null(returned.Number);
        using var byId = await client.GetAsync($"/sengen/{returned.Id}/certificate.pdf");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
    }

    [Fact]
    public async Task The_certificate_is_cached_by_ETag_and_revalidates_with_304()
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app);
        using var client = app.CreateClient();

        using var first = await client.GetAsync($"/sengen/{seeded.Number}/certificate.pdf");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal("public, max-age=300", first.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/sengen/{seeded.Number}/certificate.pdf");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>Every /FontDescriptor dictionary in the file.</summary>
    private static IEnumerable<DictionaryToken> FontDescriptors(PdfDocument pdf)
    {
        foreach (var reference in pdf.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            var data = pdf.Structure.GetObject(reference).Data;
            var dictionary = data as DictionaryToken ?? (data as StreamToken)?.StreamDictionary;
            if (dictionary is not null && dictionary.TryGet(NameToken.Type, out NameToken type) && type.Equals(NameToken.FontDescriptor))
                yield return dictionary;
        }
    }

    /// <summary>Finds the QR code image on the last page and decodes it with ZXing from its raw samples.</summary>
    internal static string? DecodeQr(PdfDocument pdf)
    {
        var images = pdf.GetPage(pdf.NumberOfPages).GetImages().ToList();
        var image = Assert.Single(images);
        Assert.True(image.TryGetBytesAsMemory(out var samples), "the QR image's samples could not be decoded");
        var width = image.WidthInSamples;
        var height = image.HeightInSamples;
        var components = samples.Length / (width * height);
        Assert.Equal(8, image.BitsPerComponent);
        var luminance = new byte[width * height];
        var span = samples.Span;
        for (var i = 0; i < luminance.Length; i++)
            luminance[i] = components >= 3
                ? (byte)((span[i * components] * 299 + span[i * components + 1] * 587 + span[i * components + 2] * 114) / 1000)
                : span[i * components];
        var source = new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = false, [DecodeHintType.TRY_HARDER] = true });
        return result?.Text;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCertificateTests(SqliteApp app) : CertificateTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCertificateTests(PostgresApp app) : CertificateTests(app);
