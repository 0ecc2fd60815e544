using ConsultDesk.Files;

namespace ConsultDesk.UnitTests.Attachments;

public sealed class FileTypesTests
{
    public static TheoryData<string, string?> Samples => new()
    {
        { "pdf", "application/pdf" },
        { "png", "image/png" },
        { "jpeg", "image/jpeg" },
        { "gif", "image/gif" },
        { "webp", "image/webp" },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { "doc", "application/msword" },
        { "xls", "application/vnd.ms-excel" },
        { "ppt", "application/vnd.ms-powerpoint" },
        { "exe", null },
        { "zip", null },
        { "docm", null },
        { "docx-without-main-part", null },
        { "ole2-installer", null },
        { "text", null },
        { "eicar", null },
        { "empty", null },
    };

    private static byte[] Bytes(string kind) => kind switch
    {
        "pdf" => SampleFiles.Pdf(),
        "png" => SampleFiles.Png,
        "jpeg" => SampleFiles.Jpeg,
        "gif" => SampleFiles.Gif,
        "webp" => SampleFiles.WebP,
        "docx" => SampleFiles.Docx,
        "xlsx" => SampleFiles.Xlsx,
        "pptx" => SampleFiles.Pptx,
        "doc" => SampleFiles.Ole2("WordDocument"),
        "xls" => SampleFiles.Ole2("Workbook"),
        "ppt" => SampleFiles.Ole2("PowerPoint Document"),
        "exe" => SampleFiles.Exe,
        "zip" => SampleFiles.PlainZip(),
        "docm" => SampleFiles.OpenXml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
        "docx-without-main-part" => SampleFiles.OpenXml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", withMainPart: false),
        "ole2-installer" => SampleFiles.Ole2("\u4840\u3F3F\u4577"),
        "text" => "見積書です"u8.ToArray(),
        "eicar" => System.Text.Encoding.ASCII.GetBytes(SampleFiles.Eicar),
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_type_comes_from_the_content(string kind, string? expected)
    {
        using var content = new MemoryStream(Bytes(kind));

        Assert.Equal(expected, FileTypes.Sniff(content)?.ContentType);
        Assert.Equal(0, content.Position);
    }

    [Fact]
    public void A_truncated_zip_is_refused_not_thrown()
    {
        var docx = SampleFiles.Docx;
        using var content = new MemoryStream(docx[..(docx.Length / 2)]);

        Assert.Null(FileTypes.Sniff(content));
    }

    [Theory]
    [InlineData("見積書.pdf", "見積書.pdf")]
    [InlineData(@"C:\Users\me\Desktop\report.PDF", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("setup.exe", "setup.exe.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe.pdf")]
    [InlineData("a\"b<c>:d|e?f*\u0001.pdf", "abcdef.pdf")]
    [InlineData("", "attachment.pdf")]
    [InlineData(null, "attachment.pdf")]
    [InlineData("...", "attachment.pdf")]
    public void File_names_lose_folders_and_unsafe_characters_and_end_in_their_real_type(string? name, string expected) =>
        Assert.Equal(expected, FileTypes.CleanFileName(name, FileTypes.Pdf));

    [Fact]
    public void A_long_name_is_cut_but_keeps_its_extension()
    {
        var name = FileTypes.CleanFileName(new string('あ', 300) + ".jpeg", FileTypes.Jpeg);

        Assert.Equal(200, name.Length);
        Assert.EndsWith(".jpeg", name, StringComparison.Ordinal);
    }
}
