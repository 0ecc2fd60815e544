using System.Net.Http.Headers;
using System.Text;

namespace ConsultDesk.IntegrationTests.Attachments;

/// <summary>Files and multipart requests for the attachment tests.</summary>
public static class Uploads
{
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /// <summary>A small PDF with a unique marker, so each test's file has its own SHA-256.</summary>
    public static byte[] Pdf(string marker) => Encoding.UTF8.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {marker} {Guid.NewGuid():N}\n%%EOF\n");

    /// <summary>The first bytes of a Windows program.</summary>
    public static byte[] Exe => [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[256]];

    /// <summary>A PDF that carries the EICAR test string (a scanner with the EICAR body signature finds it).</summary>
    public static byte[] EicarPdf => Encoding.ASCII.GetBytes($"%PDF-1.4\n%{Eicar}\n%%EOF\n");

    public static MultipartFormDataContent Form(IEnumerable<(string Name, string Value)> fields, params (string FileName, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value, Encoding.UTF8), name);
        foreach (var (fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            // The client's claim is ignored: the server finds the type in the content.
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "attachments", fileName);
        }
        return form;
    }

    /// <summary>A staff reply over the API as multipart/form-data.</summary>
    public static Task<HttpResponseMessage> ReplyAsync(HttpClient staff, string reference, string subject, string body, params (string FileName, byte[] Bytes)[] files) =>
        staff.PostAsync($"/api/v1/cases/{reference}/messages", Form([("subject", subject), ("body", body)], files));
}
