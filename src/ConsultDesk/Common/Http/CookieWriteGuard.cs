using ConsultDesk.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.Common.Http;

/// <summary>
/// Cross-site request forgery guard for the staff API. A browser sends the staff cookie with any request to the
/// desk, and SameSite=Lax still lets a same-site page (or a top-level navigation) carry it; a cookie-authenticated
/// write with no body (claim, introduction, retry...) would then need nothing an attacker cannot forge. So every
/// unsafe-method <c>/api</c> request authenticated by the cookie must also carry either
/// <c>X-Requested-With: ConsultDesk</c> (a header no cross-site form can set, and cross-site scripts cannot send
/// without a CORS preflight the desk never grants) or a valid antiforgery token in the <c>RequestVerificationToken</c>
/// header (or form field). Bearer-token calls (nothing a browser attaches on its own) and anonymous endpoints (the intake API,
/// sign-in) are not affected. Runs after authentication and routing, once for the whole API.
/// </summary>
public static class CookieWriteGuard
{
    public const string HeaderName = "X-Requested-With";
    public const string HeaderValue = "ConsultDesk";

    public static async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        if (NeedsProof(http) && !await HasProofAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = Texts.ProblemForbidden,
                    Detail = Texts.ProblemCookieWriteNeedsHeader,
                    Type = "https://consultdesk.example/problems/cookie-write-needs-header",
                },
            });
            return;
        }
        await next();
    }

    private static bool NeedsProof(HttpContext http)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments("/api")) return false;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        // A bearer token is never attached by the browser on its own; the staff scheme picks it by this same test.
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        if (http.User.Identity?.IsAuthenticated != true) return false;
        return http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null;
    }

    private static async Task<bool> HasProofAsync(HttpContext http)
    {
        if (string.Equals(http.Request.Headers[HeaderName], HeaderValue, StringComparison.OrdinalIgnoreCase)) return true;
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        // The token may come as the header (scripts) or as the form field of a desk page's upload form.
        return (!string.IsNullOrEmpty(http.Request.Headers["RequestVerificationToken"]) || http.Request.HasFormContentType)
            && await antiforgery.IsRequestValidAsync(http);
    }
}
