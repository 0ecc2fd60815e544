using ConsultDesk.Data;

namespace ConsultDesk.UnitTests.Inquiries;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Waiting_items_share_one_write_and_a_bad_one_fails_alone()
    {
        var firstWriteStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = new List<int[]>();
        var commit = new GroupCommit<int, string>(async (items, _) =>
        {
            lock (writes) writes.Add([.. items]);
            if (items.Contains(0))
            {
                firstWriteStarted.TrySetResult();
                await releaseFirstWrite.Task;
            }
            // Item 13 cannot be stored: any write that carries it fails as a whole, as a transaction would.
            if (items.Contains(13)) throw new InvalidOperationException("bad item 13");
            return [.. items.Select(i => $"#{i}")];
        }, maxBatch: 64);
        using var stopping = new CancellationTokenSource();
        var loop = commit.RunAsync(stopping.Token);

        // The first item holds the writer; the next 20 queue meanwhile and must then be written together.
        var first = commit.WriteAsync(0, CancellationToken.None);
        await firstWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(1, 20).Select(i => commit.WriteAsync(i, CancellationToken.None)).ToList();
        releaseFirstWrite.SetResult();

        Assert.Equal("#0", await first.WaitAsync(TimeSpan.FromSeconds(10)));
        var bad = await Assert.ThrowsAsync<InvalidOperationException>(() => queued[12].WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("bad item 13", bad.Message);
        for (var i = 1; i <= 20; i++)
            if (i != 13) Assert.Equal($"#{i}", await queued[i - 1].WaitAsync(TimeSpan.FromSeconds(10)));

        // Writes: [0], the batch 1..20 (failed), then each of 1..20 alone; 13 alone failed too.
        Assert.Equal([0], writes[0]);
        Assert.Equal(Enumerable.Range(1, 20), writes[1]);
        Assert.Equal(22, writes.Count);
        Assert.All(writes.Skip(2), w => Assert.Single(w));
        // Committed: [0] and the 19 good ones alone.
        Assert.Equal((20L, 20L), commit.Committed);

        // A second burst with nothing bad in it: one write each time the writer comes round, never one per item.
        writes.Clear();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = new GroupCommit<int, int>(async (items, _) => { lock (writes) writes.Add([.. items]); await gate.Task; return items; }, maxBatch: 8);
        var holderLoop = holder.RunAsync(stopping.Token);
        var burst = Enumerable.Range(100, 17).Select(i => holder.WriteAsync(i, CancellationToken.None)).ToList();
        gate.SetResult();
        Assert.Equal(Enumerable.Range(100, 17), await Task.WhenAll(burst).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.All(writes, w => Assert.InRange(w.Length, 1, 8));
        Assert.True(writes.Count <= 4, $"17 queued items took {writes.Count} writes");

        // After stopping, new items are refused at once instead of leaving their callers waiting.
        await stopping.CancelAsync();
        await Task.WhenAll(loop, holderLoop).WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commit.WriteAsync(1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
