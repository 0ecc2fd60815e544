namespace ConsultDesk.Data;

/// <summary>
/// Queues this process's write transactions on SQLite, which allows one writer at a time anyway: waiting here is
/// a FIFO hand-over, where SQLite's own busy handler would make every waiting writer sleep and poll (long tail
/// latencies under load). PostgreSQL has row-level locking, so there the gate lets everything through.
/// </summary>
public sealed class WriteGate(bool serialize)
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public static readonly WriteGate PassThrough = new(serialize: false);

    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (!serialize) return default;
        await semaphore.WaitAsync(cancellationToken);
        return new Lease(semaphore);
    }

    /// <summary>Saves the context's changes as one queued write.</summary>
    public async Task SaveChangesAsync(Microsoft.EntityFrameworkCore.DbContext db, CancellationToken cancellationToken)
    {
        using (await EnterAsync(cancellationToken))
            await db.SaveChangesAsync(cancellationToken);
    }

    public readonly struct Lease(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
