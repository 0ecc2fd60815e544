using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Runs after <see cref="StartupTasks"/> (so the schema exists): with <c>Info:SeedSampleContent</c> on and no portal
/// item stored yet, publishes the shipped sample content (<see cref="InfoSamples"/>), each marked as a sample.
/// </summary>
public sealed class SampleInfoContent(IServiceProvider services, IOptions<ConsultDeskOptions> options, ILogger<SampleInfoContent> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Info.SeedSampleContent) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        if (await db.InfoItems.AnyAsync(cancellationToken)) return;
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var (kind, slug, content) in InfoSamples.Items())
        {
            var item = InfoItem.Create(kind, slug, content, now, isSample: true);
            item.Publish(now);
            InfoWriter.Add(db, item, InfoRevisionAction.Imported, InfoActor.System, "サンプルデータ", now);
        }
        try
        {
            await scope.ServiceProvider.GetRequiredService<WriteGate>().SaveChangesAsync(db, cancellationToken);
            logger.LogInformation("Loaded {Count} sample portal items", InfoSamples.Items().Count);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded at the same moment (the slugs are unique): its copy is as good as ours.
            await using var check = services.CreateAsyncScope();
            if (!await check.ServiceProvider.GetRequiredService<ConsultDeskDbContext>().InfoItems.AnyAsync(cancellationToken)) throw;
            logger.LogInformation("Sample portal items were loaded by another instance");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
