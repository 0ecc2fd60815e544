using System.Buffers;
using System.Text.Json;
using ConsultDesk.Domain;
using ConsultDesk.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConsultDesk.Common.Http;

/// <summary>
/// Reads a JSON request body strictly and turns every way it can be wrong into a problem the client can act on:
/// 415 for another media type, 413 past the size limit, 400 with the JSON path for malformed JSON, wrong types,
/// unknown enum values or unknown fields.
/// </summary>
public static class JsonRequest
{
    public const int DefaultMaxBytes = 64 * 1024;

    public static readonly JsonSerializerOptions StrictOptions = CreateStrictOptions();

    private static JsonSerializerOptions CreateStrictOptions()
    {
        var options = Wire.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.MaxDepth = 16;
        return options;
    }

    public static async Task<T> ReadAsync<T>(HttpContext http, int maxBytes, CancellationToken cancellationToken) where T : class
    {
        var request = http.Request;
        if (!IsJson(request.ContentType))
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, Texts.ProblemUnsupportedMediaType);
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = maxBytes + 1L;

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    throw TooLarge(maxBytes);
                }
                if (read == 0) break;
                length += read;
                if (length > maxBytes) throw TooLarge(maxBytes);
            }
            if (length == 0) throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemEmptyBody);
            return Deserialize<T>(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> utf8) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(utf8, StrictOptions)
                ?? throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemEmptyBody);
        }
        catch (JsonException ex)
        {
            var path = ToFieldPath(ex.Path);
            var unknownField = ex.Message.Contains("could not be mapped", StringComparison.Ordinal);
            var message = unknownField ? Texts.ProblemUnknownField : Texts.ProblemJsonAt;
            var errors = new Dictionary<string, string[]> { [path.Length == 0 ? "$" : path] = [message] };
            return ex.Path is null or "$"
                ? throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemMalformedJson, errors)
                : throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemValidationTitle, errors);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // e.g. invalid UTF-8 surrogates or a converter's own complaint: still the client's input.
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemMalformedJson);
        }
    }

    private static RequestRejectedException TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, string.Format(Texts.ProblemTooLarge, maxBytes / 1024));

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var charset = media.Charset.Value;
        return (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase) && media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)))
            && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary><c>$.contact.email</c> → <c>contact.email</c>; <c>$.topics[2]</c> → <c>topics[2]</c>.</summary>
    public static string ToFieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
}
