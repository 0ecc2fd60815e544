using System.Globalization;
using ConsultDesk.Features.Info;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace ConsultDesk.Web.Pages.Info;

/// <summary>
/// HTTP caching for the portal's public pages, as the office directory does (<see cref="Offices.DirectoryCache"/>): an
/// ETag from the portal's data version plus the language and whether the reader is signed in, and five minutes of
/// shared caching for anonymous readers.
/// </summary>
public static class InfoCache
{
    public static async Task<bool> IsNotModifiedAsync(PageModel page, ISender sender, CancellationToken cancellationToken)
    {
        var version = await sender.Send(new GetInfoVersion.Query(), cancellationToken);
        var signedIn = page.User.Identity?.IsAuthenticated == true;
        var etag = new EntityTagHeaderValue($"\"info-{version}-{(English ? "en" : "ja")}{(signedIn ? "-staff" : "")}\"");
        page.Response.GetTypedHeaders().ETag = etag;
        page.Response.Headers.CacheControl = signedIn ? "private, no-cache" : "public, max-age=300";
        page.Response.Headers.Vary = "Cookie, Accept-Language";
        var ifNoneMatch = page.Request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }

    /// <summary>A response that must not be cached under the data's ETag (not found, bad input).</summary>
    public static void Uncached(PageModel page)
    {
        page.Response.Headers.ETag = default;
        page.Response.Headers.CacheControl = "no-cache";
    }

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>A UTC instant as the JST date readers see.</summary>
    public static string Date(DateTime utc) => Domain.Calendar.JapanTime.DateOf(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string KindName(Domain.Info.InfoKind kind) =>
        English ? Domain.Info.InfoCodes.KindName(kind).En : Domain.Info.InfoCodes.KindName(kind).Ja;
}

/// <summary>Absolute URLs for Open Graph tags and feed links.</summary>
public static class InfoUrls
{
    public static string Absolute(Microsoft.AspNetCore.Http.HttpContext context, string pathAndQuery)
    {
        var options = context.RequestServices.GetService(typeof(Microsoft.Extensions.Options.IOptions<ConsultDesk.Common.ConsultDeskOptions>))
            as Microsoft.Extensions.Options.IOptions<ConsultDesk.Common.ConsultDeskOptions>;
        return (options?.Value.PublicBaseUrl.TrimEnd('/') ?? "") + pathAndQuery;
    }
}
