using System.Threading.Channels;

namespace ConsultDesk.Data;

/// <summary>
/// Group commit: callers queue items and one writer stores every item waiting at that moment (up to
/// <see cref="MaxBatch"/>) with one call of <c>writeTogether</c>, one transaction and so one flush to disk for all of
/// them. Each caller's task completes only after the write that carried its item returned, so an awaited result still
/// means the item is committed. When a batch fails, its items are written again one by one: a bad item fails alone and
/// its neighbours succeed. A caller that gave up before its batch started is skipped.
/// </summary>
public sealed class GroupCommit<TItem, TResult>
{
    private sealed record Queued(TItem Item, TaskCompletionSource<TResult> Done, CancellationToken CancellationToken);

    private readonly Channel<Queued> queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> writeTogether;
    private readonly Action<Exception, int>? batchFailed;
    private long batches;
    private long items;

    /// <param name="writeTogether">Stores the items in one transaction and returns one result per item, in order. Its token
    /// never fires: callers wait for the commit.</param>
    /// <param name="batchFailed">Told when a batch of several failed and is retried one by one (for a log line).</param>
    public GroupCommit(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> writeTogether, int maxBatch = 64,
        Action<Exception, int>? batchFailed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.writeTogether = writeTogether;
        this.batchFailed = batchFailed;
        MaxBatch = maxBatch;
    }

    public int MaxBatch { get; }

    /// <summary>Transactions that committed so far, and the items they carried.</summary>
    public (long Batches, long Items) Committed => (Interlocked.Read(ref batches), Interlocked.Read(ref items));

    /// <summary>Queues the item; completes with its result once its transaction committed, or with its own error.</summary>
    public Task<TResult> WriteAsync(TItem item, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Queued(item, done, cancellationToken)))
            done.SetException(new OperationCanceledException("The intake writer has stopped."));
        return done.Task;
    }

    /// <summary>
    /// The writer loop: run it once (a hosted service does). When <paramref name="stoppingToken"/> fires, what is already
    /// queued is still written (a write in progress is never cut off: its callers are waiting for a commit), and
    /// later items are refused.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Queued>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken)) await WriteWaitingAsync(batch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
        }
        while (queue.Reader.TryPeek(out _)) await WriteWaitingAsync(batch);
    }

    private async Task WriteWaitingAsync(List<Queued> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var queued))
        {
            if (queued.CancellationToken.IsCancellationRequested) queued.Done.TrySetCanceled(queued.CancellationToken);
            else batch.Add(queued);
        }
        if (batch.Count > 0) await WriteBatchAsync(batch);
        batch.Clear();
    }

    private async Task WriteBatchAsync(List<Queued> batch)
    {
        try
        {
            var results = await writeTogether([.. batch.Select(q => q.Item)], CancellationToken.None);
            if (results.Count != batch.Count) throw new InvalidOperationException($"A batch of {batch.Count} returned {results.Count} results.");
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref items, batch.Count);
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            batchFailed?.Invoke(ex, batch.Count);
            foreach (var queued in batch) await WriteOneAsync(queued);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
        }
    }

    private async Task WriteOneAsync(Queued queued)
    {
        try
        {
            var results = await writeTogether([queued.Item], CancellationToken.None);
            Interlocked.Increment(ref batches);
            Interlocked.Increment(ref items);
            queued.Done.TrySetResult(results[0]);
        }
        catch (Exception ex)
        {
            queued.Done.TrySetException(ex);
        }
    }
}
