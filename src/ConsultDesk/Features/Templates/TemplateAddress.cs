using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Features.Templates;

/// <summary>
/// A template as the API addresses it (<c>/mail-templates/{name}/{language}</c>), and its version as an ETag:
/// <c>"v0"</c> is the shipped default (no stored row), so an If-Match of v0 also refuses to overwrite a version
/// another admin created meanwhile.
/// </summary>
public static class TemplateAddress
{
    public static bool TryResolve(string? name, string? language, out TemplateEntry entry, out InquiryLanguage parsed)
    {
        entry = MailTemplateCatalog.Find(name)!;
        parsed = default;
        return entry is not null && Wire.TryParse(language, out parsed);
    }

    public static (TemplateEntry Entry, InquiryLanguage Language) Resolve(string? name, string? language) =>
        TryResolve(name, language, out var entry, out var parsed) ? (entry, parsed) : throw new NotFoundException("Mail template");

    public static string ETagOf(int version) => $"\"v{version}\"";

    /// <summary>If-Match as a version (null when absent or <c>*</c>); a malformed value can never match.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*") return null;
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return value.Length > 3 && value.StartsWith("\"v", StringComparison.Ordinal) && value.EndsWith('"')
            && int.TryParse(value[2..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }

    public static void SetETag(HttpResponse response, int version) => response.Headers.ETag = ETagOf(version);

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
