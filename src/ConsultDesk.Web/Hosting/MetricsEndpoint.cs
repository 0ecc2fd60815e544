using ConsultDesk.Common;
using ConsultDesk.Common.Metrics;
using ConsultDesk.Domain.Users;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// OpenTelemetry metrics served in the Prometheus text format at <c>/metrics</c> (README "Metrics"): ASP.NET Core's
/// request durations, the .NET runtime, and the desk's own <see cref="DeskMetrics"/>. Each node serves its own
/// counters; the figures read from the database and Hangfire are the same on every node.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddDeskMetrics(this IServiceCollection services, MetricsOptions options)
    {
        if (!options.Enabled) return services;
        services.AddSingleton(ScraperAddresses.Parse(options.ScraperAddresses));
        services.AddSingleton<OperationsSnapshot>();
        services.AddSingleton<DeskMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("consultdesk"))
            .WithMetrics(metrics => metrics
            .AddMeter(DeskMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // Every scrape collects afresh: the gauges' snapshot is read per scrape, and a scraper must not see the
            // previous one's figures.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static void MapDeskMetrics(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsultDeskOptions>>().Value.Metrics.Enabled) return;
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(GuardAsync), optionsName: null);
    }

    /// <summary>
    /// A configured scraper address or a signed-in admin gets the metrics; another signed-in user 403; anyone else
    /// 404, as if there were no such page. The address is the connection's after a known proxy's forwarded headers,
    /// so only a configured proxy can vouch for a client. No rate limit, no cache.
    /// </summary>
    private static async Task GuardAsync(HttpContext http, Func<Task> next)
    {
        var services = http.RequestServices;
        if (!services.GetRequiredService<ScraperAddresses>().Contains(http.Connection.RemoteIpAddress) && !http.User.IsInRole(Roles.Admin))
        {
            http.Response.StatusCode = http.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            return;
        }
        http.Response.Headers.CacheControl = "no-store";
        // The desk's gauges exist once DeskMetrics does; the dispatcher may not have needed it yet.
        services.GetRequiredService<DeskMetrics>();
        await services.GetRequiredService<OperationsSnapshot>().RefreshAsync(http.RequestAborted);
        await next();
    }
}
