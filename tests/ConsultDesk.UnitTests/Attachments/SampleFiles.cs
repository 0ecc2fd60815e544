using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ConsultDesk.UnitTests.Attachments;

/// <summary>Small files of each kind, built in code: real enough for the sniffer, tiny enough for tests.</summary>
public static class SampleFiles
{
    public static byte[] Pdf(string text = "hello") => Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\n%%EOF\n");
    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];
    public static byte[] Gif => Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00");
    public static byte[] WebP => [.. "RIFF"u8, 20, 0, 0, 0, .. "WEBPVP8 "u8, 0, 0, 0, 0];
    /// <summary>The first bytes of a Windows program, as a renamed <c>setup.exe</c> would start.</summary>
    public static byte[] Exe => [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[64]];
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /// <summary>An Office Open XML package naming <paramref name="mainContentType"/> for <paramref name="mainPart"/>, with or without that part.</summary>
    public static byte[] OpenXml(string mainPart, string mainContentType, bool withMainPart = true)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
                writer.Write($"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{mainPart}" ContentType="{mainContentType}"/></Types>""");
            if (withMainPart)
                using (var writer = new StreamWriter(zip.CreateEntry(mainPart).Open()))
                    writer.Write("<document/>");
        }
        return buffer.ToArray();
    }

    public static byte[] Docx => OpenXml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    public static byte[] Xlsx => OpenXml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
    public static byte[] Pptx => OpenXml("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");

    public static byte[] PlainZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            writer.Write("not a document");
        return buffer.ToArray();
    }

    /// <summary>A minimal OLE2 compound file (512-byte sectors: header, one FAT sector, one directory sector) holding a stream named <paramref name="streamName"/>.</summary>
    public static byte[] Ole2(string streamName)
    {
        var file = new byte[512 * 3];
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(file, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(24), 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(26), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(28), 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(30), 9);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(32), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(44), 1);   // FAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(48), 1);   // first directory sector
        for (var i = 0; i < 109; i++) BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(76 + i * 4), i == 0 ? 0u : 0xFFFFFFFF);
        var fat = file.AsSpan(512);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);       // sector 0: the FAT itself
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], 0xFFFFFFFE);  // sector 1: the directory, end of chain
        for (var i = 2; i < 128; i++) BinaryPrimitives.WriteUInt32LittleEndian(fat[(i * 4)..], 0xFFFFFFFF);
        Entry(file.AsSpan(1024), "Root Entry", 5);
        Entry(file.AsSpan(1024 + 128), streamName, 2);
        return file;

        static void Entry(Span<byte> entry, string name, byte type)
        {
            var bytes = Encoding.Unicode.GetBytes(name + "\0");
            bytes.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)bytes.Length);
            entry[66] = type;
        }
    }
}
