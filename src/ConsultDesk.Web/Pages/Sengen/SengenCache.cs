using System.Globalization;
using ConsultDesk.Features.Declarations;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>
/// HTTP caching for /sengen and /sengen/{number}, as <c>DirectoryCache</c> does for /offices: an ETag from the public
/// list's data version (plus the language and whether the reader is signed in, since both change the HTML) and five
/// minutes of shared caching for anonymous readers.
/// </summary>
public static class SengenCache
{
    /// <summary>Sets the caching headers; true when the client's copy is current and a 304 should be answered.</summary>
    public static async Task<bool> IsNotModifiedAsync(PageModel page, ISender sender, CancellationToken cancellationToken)
    {
        var version = await sender.Send(new GetPublicDeclarationsVersion.Query(), cancellationToken);
        var signedIn = page.User.Identity?.IsAuthenticated == true;
        var etag = new EntityTagHeaderValue($"\"{version}-{(English ? "en" : "ja")}{(signedIn ? "-staff" : "")}\"");

        var headers = page.Response.GetTypedHeaders();
        headers.ETag = etag;
        page.Response.Headers.CacheControl = signedIn ? "private, no-cache" : "public, max-age=300";
        page.Response.Headers.Vary = "Cookie, Accept-Language";
        var ifNoneMatch = page.Request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
