using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Features.Municipalities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Runs after <see cref="StartupTasks"/> (so the schema exists): with <c>Matching:SeedSampleData</c> on and no profile
/// stored yet, loads the shipped sample profiles through the same reader an admin's import uses.
/// </summary>
public sealed class SampleMunicipalities(IServiceProvider services, IOptions<ConsultDeskOptions> options, ILogger<SampleMunicipalities> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Matching.SeedSampleData) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        if (await db.MunicipalityProfiles.AnyAsync(cancellationToken)) return;
        var read = MunicipalityCsv.Read(MunicipalityCsv.SampleFile());
        if (!read.Succeeded)
            throw new InvalidOperationException("The shipped sample municipality file does not import: " +
                string.Join("; ", read.Errors.Take(5).Select(e => $"row {e.Row} {e.Column}: {e.Message}")));
        try
        {
            var (created, _) = await ImportMunicipalities.ApplyAsync(db, scope.ServiceProvider.GetRequiredService<WriteGate>(),
                scope.ServiceProvider.GetRequiredService<LocalGovernmentDirectory>(), read.Groups,
                scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
            logger.LogInformation("Loaded {Count} sample municipality profiles", created);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded at the same moment: its copy is as good as ours. Anything else is a real failure.
            if (!await AnyStoredAsync(cancellationToken)) throw;
            logger.LogInformation("Sample municipality profiles were loaded by another instance");
        }
    }

    private async Task<bool> AnyStoredAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>().MunicipalityProfiles.AnyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
