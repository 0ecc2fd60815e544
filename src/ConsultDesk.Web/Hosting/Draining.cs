using ConsultDesk.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Graceful shutdown behind a load balancer. On a stop signal the node turns not-ready at once (/health/ready answers
/// 503, /health/live stays 200), keeps serving for the drain delay so the balancer notices and sends no more, then
/// the server stops taking connections and finishes the requests in flight; the job server stops last and a dispatch
/// run cut short releases the outbox rows it had leased but not sent (see DispatchOutbox).
/// </summary>
public sealed class Draining(IHostApplicationLifetime lifetime, IOptions<ConsultDeskOptions> options, ILogger<Draining> logger)
    : IHostedLifecycleService, IHealthCheck
{
    private volatile bool draining;

    public bool IsDraining => draining || lifetime.ApplicationStopping.IsCancellationRequested;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsDraining ? HealthCheckResult.Unhealthy("Draining: this node is shutting down.") : HealthCheckResult.Healthy());

    // The host calls StoppingAsync before it stops the web server (and SIGTERM has already cancelled ApplicationStopping).
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        var delay = options.Value.Shutdown.DrainDelay;
        if (delay <= TimeSpan.Zero) return;
        logger.LogInformation("Draining for {DrainDelay} before the server stops taking requests", delay);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout is shorter than the drain delay: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
