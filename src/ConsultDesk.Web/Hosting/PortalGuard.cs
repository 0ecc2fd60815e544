using System.Globalization;
using System.Threading.RateLimiting;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Stands in front of every page a portal token opens (<c>/portal/{token}…</c>, <c>/unsubscribe/{token}</c>):
/// marks the responses private (no caching, no referrer, no indexing, no framing: the URL is the key), and refuses an address
/// that has tried too many bad tokens. Only failures count: an inquirer reloading their page or replying never
/// uses up the budget. Once an address has used it up, it gets 429 for every token until the window ends, whether
/// the token is good or not; answering good tokens would turn the refusal into an oracle and the limit into none.
/// </summary>
public sealed class PortalGuard : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly PartitionedRateLimiter<string> failures;

    public PortalGuard(IOptionsMonitor<ConsultDeskOptions> options) =>
        failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.CurrentValue.Portal.BadTokensPerIpPer10Minutes),
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>Paths under the guard's headers: everything of the portal, the link request form included.</summary>
    public static bool IsPortal(PathString path) =>
        path.StartsWithSegments("/portal") || path.StartsWithSegments("/unsubscribe") || path.StartsWithSegments("/sengen/manage")
        || path.StartsWithSegments(AwardEntryApi);

    /// <summary>The award entrant's API: its token is the X-Declarant-Token header, and a bad one is a 404 counted like a bad link.</summary>
    private const string AwardEntryApi = "/api/v1/public/award/entries";

    /// <summary>
    /// The token routes, where a 404 means a bad token: <c>/portal/{token}</c>, <c>/portal/{token}/survey</c>,
    /// <c>/portal/{token}/attachments/{id}</c> and <c>/unsubscribe/{token}</c>. Not the portal's own pages (the link request form) nor the dead link a retried mail
    /// carries (<c>/portal/expired</c>, <see cref="OutboxMail.DiscardedSecret"/>): opening those guesses nothing.
    /// </summary>
    public static bool TakesToken(PathString path)
    {
        if (path.StartsWithSegments(AwardEntryApi)) return true;
        var segments = (path.Value ?? "").Trim('/').Split('/');
        return segments switch
        {
            [var area, var token] => (Is(area, "portal") || Is(area, "unsubscribe")) && IsToken(token),
            // The declarant's page (/sengen/manage/{token}) and its downloads (logo.svg, …).
            [var area, var manage, var token] when Is(area, "sengen") => Is(manage, "manage") && IsToken(token),
            [var area, var manage, var token, _] when Is(area, "sengen") => Is(manage, "manage") && IsToken(token),
            // The award pages of the declarant link (/sengen/manage/{token}/award/…): an unknown entry or file counts like a bad token.
            [var area, var manage, var token, var award, ..] when Is(area, "sengen") => Is(manage, "manage") && Is(award, "award") && IsToken(token),
            [var area, var token, var page] => Is(area, "portal") && Is(page, "survey") && IsToken(token),
            // A file of another case answers 404 like a wrong token: guessing ids costs the same budget.
            [var area, var token, var page, _] => Is(area, "portal") && Is(page, "attachments") && IsToken(token),
            _ => false,
        };
    }

    /// <summary>Fixed pages under /portal whose name would otherwise stand in a token's place.</summary>
    private static readonly string[] PortalPages = ["link"];

    private static bool IsToken(string segment) =>
        segment.Length > 0 && !Is(segment, OutboxMail.DiscardedSecret) && !PortalPages.Any(page => Is(segment, page));

    // Routing ignores case, so the guard does too.
    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = default;
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Robots-Tag"] = "noindex";
            // The opt-out and reply buttons must not be clickable through someone else's frame.
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        if (!TakesToken(http.Request.Path))
        {
            await next();
            return;
        }

        var address = ClientAddress.PartitionKey(http);
        // Asking for zero permits only looks: it fails once the address has no failures left in this window.
        using (var budget = failures.AttemptAcquire(address, 0))
        {
            if (!budget.IsAcquired)
            {
                var retryAfter = budget.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return;
            }
        }
        await next();
        if (http.Response.StatusCode == StatusCodes.Status404NotFound)
            failures.AttemptAcquire(address, 1).Dispose();
    }

    public void Dispose() => failures.Dispose();
}

public static class PortalGuardExtensions
{
    public static IServiceCollection AddPortalGuard(this IServiceCollection services) => services.AddSingleton<PortalGuard>();

    /// <summary>Goes after the status-code pages, so its 429 and the pages' 404 get the HTML error page.</summary>
    public static IApplicationBuilder UsePortalGuard(this IApplicationBuilder app) =>
        app.UseWhen(http => PortalGuard.IsPortal(http.Request.Path),
            portal => portal.Use((http, next) => http.RequestServices.GetRequiredService<PortalGuard>().InvokeAsync(http, () => next(http))));
}
