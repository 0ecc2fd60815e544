using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ConsultDesk.Files;

/// <summary>A type the desk accepts, as found in a file's content.</summary>
/// <param name="Extensions">The names it goes by; the first is added to a file name that has none of them.</param>
public sealed record FileType(string ContentType, string Label, IReadOnlyList<string> Extensions);

/// <summary>
/// Decides a file's type from its bytes alone (never its name or the client's Content-Type): PDF, Office documents
/// (docx/xlsx/pptx as a zip whose <c>[Content_Types].xml</c> names the main part, which must exist; doc/xls/ppt as an
/// OLE2 compound file holding the application's main stream), and PNG, JPEG, GIF and WebP images. Anything else,
/// macro-enabled Office files and other zip or OLE2 files (installers) included, is refused.
/// </summary>
public static class FileTypes
{
    public static readonly FileType Pdf = new("application/pdf", "PDF", [".pdf"]);
    public static readonly FileType Png = new("image/png", "PNG", [".png"]);
    public static readonly FileType Jpeg = new("image/jpeg", "JPEG", [".jpg", ".jpeg"]);
    public static readonly FileType Gif = new("image/gif", "GIF", [".gif"]);
    public static readonly FileType WebP = new("image/webp", "WebP", [".webp"]);
    public static readonly FileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", [".docx"]);
    public static readonly FileType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", [".xlsx"]);
    public static readonly FileType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint", [".pptx"]);
    public static readonly FileType Doc = new("application/msword", "Word", [".doc"]);
    public static readonly FileType Xls = new("application/vnd.ms-excel", "Excel", [".xls"]);
    public static readonly FileType Ppt = new("application/vnd.ms-powerpoint", "PowerPoint", [".ppt"]);

    public static readonly IReadOnlyList<FileType> All = [Pdf, Docx, Xlsx, Pptx, Doc, Xls, Ppt, Png, Jpeg, Gif, WebP];

    /// <summary>The type a stored content type names (for the label and icon of a stored file).</summary>
    public static FileType? ByContentType(string contentType) => All.FirstOrDefault(t => t.ContentType == contentType);

    /// <summary>The main part's content type in <c>[Content_Types].xml</c> for each Office Open XML type.</summary>
    private static readonly (string MainPart, FileType Type)[] OpenXml =
    [
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", Docx),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", Xlsx),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", Pptx),
    ];

    /// <summary>The main stream of each legacy Office format inside its OLE2 compound file.</summary>
    private static readonly (string Stream, FileType Type)[] Ole2 =
    [
        ("WordDocument", Doc), ("Workbook", Xls), ("Book", Xls), ("PowerPoint Document", Ppt),
    ];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Ole2Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const int MaxContentTypesBytes = 1024 * 1024;
    private const int MaxOleDirectorySectors = 4096;

    /// <summary>The file's type, or null when it is none the desk accepts. <paramref name="content"/> must be seekable; it is read from the start.</summary>
    public static FileType? Sniff(Stream content)
    {
        if (!content.CanSeek) throw new ArgumentException("The content must be seekable.", nameof(content));
        Span<byte> head = stackalloc byte[16];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        try
        {
            if (head.StartsWith("%PDF-"u8)) return Pdf;
            if (head.StartsWith(PngSignature)) return Png;
            if (head.StartsWith(JpegSignature)) return Jpeg;
            if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
            if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
            if (head.StartsWith("PK\u0003\u0004"u8)) return OfficeOpenXml(content);
            if (head.StartsWith(Ole2Signature)) return LegacyOffice(content);
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException or EndOfStreamException or ArgumentException)
        {
            // A damaged zip or compound file is not a document the desk can accept.
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static FileType? OfficeOpenXml(Stream content)
    {
        content.Position = 0;
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var types = zip.GetEntry("[Content_Types].xml");
        if (types is null || types.Length > MaxContentTypesBytes) return null;
        using var xml = XmlReader.Create(types.Open(), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxContentTypesBytes, CloseInput = true,
        });
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Override") continue;
            var contentType = xml.GetAttribute("ContentType");
            var partName = xml.GetAttribute("PartName");
            var match = OpenXml.FirstOrDefault(o => o.MainPart == contentType);
            if (match.Type is null || string.IsNullOrEmpty(partName)) continue;
            // The main part it names must be in the package: a zip that only claims to be a document is not one.
            return zip.GetEntry(partName.TrimStart('/')) is not null ? match.Type : null;
        }
        return null;
    }

    /// <summary>Reads the compound file's directory (following its FAT chain) for the main stream of Word, Excel or PowerPoint.</summary>
    private static FileType? LegacyOffice(Stream content)
    {
        var header = new byte[512];
        content.Position = 0;
        content.ReadExactly(header);
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
        if (sectorShift is not (9 or 12)) return null;
        var sectorSize = 1 << sectorShift;
        var difat = new uint[109];
        for (var i = 0; i < difat.Length; i++) difat[i] = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(76 + i * 4));
        var sector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(48));
        var buffer = new byte[sectorSize];
        var perFatSector = sectorSize / 4;
        for (var visited = 0; sector < 0xFFFFFFFA && visited < MaxOleDirectorySectors; visited++)
        {
            if (!ReadSector(content, sector, sectorSize, buffer)) return null;
            for (var offset = 0; offset + 128 <= sectorSize; offset += 128)
            {
                var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 64));
                if (nameBytes is < 2 or > 64) continue;
                var name = Encoding.Unicode.GetString(buffer, offset, nameBytes - 2);
                var match = Ole2.FirstOrDefault(o => o.Stream == name);
                if (match.Type is not null && buffer[offset + 66] == 2) return match.Type; // 2: a stream object
            }
            // The next directory sector, from the FAT (only the 109 FAT sectors the header lists: files of up to ~7 MB per 512-byte sector layout, far beyond our limits for 4 KiB sectors).
            var fatIndex = (int)(sector / (uint)perFatSector);
            if (fatIndex >= difat.Length || difat[fatIndex] >= 0xFFFFFFFA) return null;
            if (!ReadSector(content, difat[fatIndex], sectorSize, buffer)) return null;
            sector = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan((int)(sector % (uint)perFatSector) * 4));
        }
        return null;
    }

    private static bool ReadSector(Stream content, uint sector, int sectorSize, byte[] buffer)
    {
        var position = (sector + 1L) * sectorSize;
        if (position + sectorSize > content.Length) return false;
        content.Position = position;
        content.ReadExactly(buffer);
        return true;
    }

    /// <summary>
    /// A file name safe to store and to send back: no folders, no control or reserved characters, NFC, at most 200
    /// characters, and ending in an extension of its real type (<c>report.exe</c> holding a PDF becomes <c>report.exe.pdf</c>).
    /// </summary>
    public static string CleanFileName(string? name, FileType type)
    {
        var cleaned = (name ?? "").Replace('\\', '/');
        cleaned = cleaned[(cleaned.LastIndexOf('/') + 1)..];
        cleaned = string.Concat(cleaned.Normalize(NormalizationForm.FormC).Where(c => !char.IsControl(c) && !"\"<>:|?*".Contains(c)
            && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate)
            || char.IsSurrogate(c)));
        cleaned = cleaned.Trim().Trim('.').Trim();
        var extension = Path.GetExtension(cleaned).ToLowerInvariant();
        if (!type.Extensions.Contains(extension)) extension = type.Extensions[0];
        var stem = cleaned.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? cleaned[..^extension.Length] : cleaned;
        if (stem.Length == 0) stem = "attachment";
        if (stem.Length > 200 - extension.Length)
        {
            stem = stem[..(200 - extension.Length)];
            if (char.IsHighSurrogate(stem[^1])) stem = stem[..^1];
        }
        return stem + extension;
    }
}
