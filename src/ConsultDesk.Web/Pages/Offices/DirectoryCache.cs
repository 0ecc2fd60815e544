using System.Globalization;
using ConsultDesk.Features.Offices;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace ConsultDesk.Web.Pages.Offices;

/// <summary>
/// HTTP caching for the public directory pages: an ETag from the directory's data version (plus the language and
/// whether the reader is signed in, since both change the HTML) and five minutes of shared caching for anonymous readers.
/// </summary>
public static class DirectoryCache
{
    /// <summary>Sets the caching headers; true when the client's copy is current and a 304 should be answered.</summary>
    public static async Task<bool> IsNotModifiedAsync(PageModel page, ISender sender, CancellationToken cancellationToken)
    {
        var version = await sender.Send(new GetDirectoryVersion.Query(), cancellationToken);
        var signedIn = page.User.Identity?.IsAuthenticated == true;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
        var etag = new EntityTagHeaderValue($"\"{version}-{language}{(signedIn ? "-staff" : "")}\"");

        var headers = page.Response.GetTypedHeaders();
        headers.ETag = etag;
        page.Response.Headers.CacheControl = signedIn ? "private, no-cache" : "public, max-age=300";
        page.Response.Headers.Vary = "Cookie, Accept-Language";
        var ifNoneMatch = page.Request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
