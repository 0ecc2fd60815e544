using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Security headers on every response (pages, API, static files, error pages). The pages need no inline script or
/// style, so the policy allows scripts and styles from the app's own origin only. The Scalar API reference at
/// <c>/api/docs</c> is the one exception: its page boots with one inline module script (allowed by its hash,
/// computed from the page itself, never by <c>'unsafe-inline'</c>) and its bundle injects style elements.
/// A header already set further in (the portal's stricter Referrer-Policy) is left alone.
/// </summary>
public static partial class SecurityHeaders
{
    public static readonly string Policy = BuildPolicy(scriptHashes: "", forDocs: false);

    /// <summary>
    /// The one policy text: the Scalar page differs only in its script hashes and in what its bundle needs
    /// (inline styles, blob images and workers, data fonts), so both are built here and cannot drift apart.
    /// </summary>
    private static string BuildPolicy(string scriptHashes, bool forDocs) =>
        $"default-src 'self'; script-src 'self'{scriptHashes}; style-src 'self'{(forDocs ? " 'unsafe-inline'" : "")}; " +
        $"img-src 'self' data:{(forDocs ? " blob:" : "")}; font-src 'self'{(forDocs ? " data:" : "")}; connect-src 'self'; " +
        (forDocs ? "worker-src 'self' blob:; " : "") +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string DocsPath = "/api/docs";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool development) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.TryAdd("Content-Security-Policy", Policy);
                headers.TryAdd("X-Content-Type-Options", "nosniff");
                headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
                headers.TryAdd("X-Frame-Options", "DENY");
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                // IsHttps already reflects X-Forwarded-Proto from a trusted proxy. Not in Development: a browser
                // would pin https on localhost for every other project too.
                if (http.Request.IsHttps && !development) headers.TryAdd("Strict-Transport-Security", "max-age=31536000");
                return Task.CompletedTask;
            });

            if (IsDocsPage(http.Request.Path)) await ServeDocsPageAsync(http, next);
            else await next(http);
        });

    /// <summary>The Scalar page itself (not its assets, which have file extensions).</summary>
    private static bool IsDocsPage(PathString path) =>
        path.StartsWithSegments(DocsPath, out var rest) && !Path.HasExtension(rest.Value ?? "");

    private static async Task ServeDocsPageAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await next(http);
        }
        finally
        {
            http.Features.Set(original);
        }

        if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            http.Response.Headers.ContentSecurityPolicy = DocsPolicy(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original.Stream, http.RequestAborted);
    }

    /// <summary>The page's inline scripts are allowed by their SHA-256 hashes; styles may be inline on this page only.</summary>
    public static string DocsPolicy(string html)
    {
        var hashes = InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'")
            .Distinct();
        return BuildPolicy(string.Concat(hashes.Select(h => " " + h)), forDocs: true);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
