using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Data;

/// <summary>
/// Copies SQLite's write-ahead log into the database file from a connection of its own, a few times a second, so that
/// no committing writer does it. With SQLite's own automatic checkpoint (every 1,000 pages of log), the commit that
/// crossed the mark copied the pages and flushed the file while holding the write gate; under the bench's intake burst
/// at 10^6 cases the log grew by that much several times a second, and each such batch made its intakes wait. A passive
/// checkpoint waits for no reader or writer. The automatic checkpoint stays as a backstop at a larger mark
/// (<see cref="SqliteDurabilityInterceptor"/>).
/// </summary>
public sealed class SqliteCheckpointer(IServiceScopeFactory scopes, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The backstop still checkpoints; a failing tick is retried at the next.
                logger.LogWarning(ex, "SQLite checkpoint failed");
            }
        }
    }
}
