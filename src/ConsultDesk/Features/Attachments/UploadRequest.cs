using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConsultDesk.Features.Attachments;

/// <summary>
/// How an upload request is read: its body is limited to <see cref="AttachmentsOptions.MaxMessageBytes"/> plus
/// <see cref="FormAllowance"/> for the text fields (the server refuses more with 413 before buffering it), and its file
/// parts become <see cref="IncomingFile"/>s that <see cref="AttachmentIntake"/> reads with the per-file limit.
/// </summary>
public static class UploadRequest
{
    /// <summary>Room for the form's text fields beside the files.</summary>
    public const long FormAllowance = 1024 * 1024;

    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    public static long MaxBodyBytes(AttachmentsOptions limits) => limits.MaxMessageBytes + FormAllowance;

    /// <summary>Sets the request's body limit; call before anything reads the body.</summary>
    public static void Limit(HttpContext http, AttachmentsOptions limits)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxBodyBytes(limits);
    }

    /// <summary>Reads a multipart form within the limit; a larger body is a 413 problem saying the limit.</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpContext http, AttachmentsOptions limits, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBodyBytes(limits)) throw TooLarge(limits);
        Limit(http, limits);
        try
        {
            return await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limits);
        }
        catch (InvalidDataException)
        {
            // Multipart limits (FormOptions) or a malformed body.
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemBadRequest);
        }
    }

    public static RequestRejectedException TooLarge(AttachmentsOptions limits) =>
        new(StatusCodes.Status413PayloadTooLarge,
            string.Format(CultureInfo.CurrentCulture, Texts.AttachmentMessageTooLarge, AttachmentIntake.Bytes(limits.MaxMessageBytes)));

    /// <summary>The files of the form field <paramref name="name"/> (any case), empty parts (no file chosen) left out.</summary>
    public static IReadOnlyList<IncomingFile> Files(IFormFileCollection? files, string name = AttachmentIntake.Field) =>
        (files ?? EmptyFiles).Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) && (f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
            .Select(f => new IncomingFile(f.FileName, f.OpenReadStream)).ToList();

    private static readonly FormFileCollection EmptyFiles = [];
}
