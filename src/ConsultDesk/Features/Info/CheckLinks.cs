using System.Threading.Channels;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Info;

/// <summary>
/// The weekly link check (the info-link-check job): every link of published items not checked within
/// <see cref="LinkCheckOptions.ReuseHours"/> (results are reused for a day), in batches, <see cref="Parallelism"/> at a
/// time overall and <see cref="LinkCheckOptions.PerHostConcurrency"/> per host, each result saved as soon as it is
/// known. Two nodes running it at once only record some results twice.
/// </summary>
public static class CheckLinks
{
    public const int BatchSize = 100;
    public const int Parallelism = 8;

    /// <param name="Site">Only links whose URL starts with this (a site, e.g. <c>https://www.soumu.go.jp/</c>, after it moved); null: every link.</param>
    public sealed record Command(string? Site = null) : ICommand<Response>, ISystemMessage;

    /// <summary><paramref name="Requested"/>: links actually requested (not those robots.txt or the address guard kept us from).</summary>
    public sealed record Response(int Checked, int Requested, int Broken);

    public sealed record Target(Guid Id, string Url);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, LinkChecker checker, TimeProvider clock, IOptions<ConsultDeskOptions> options,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var cutoff = clock.GetUtcNow().UtcDateTime.AddHours(-Math.Max(0, options.Value.Info.LinkCheck.ReuseHours));
            var run = checker.StartRun();
            var total = new Response(0, 0, 0);
            Guid? after = null;
            while (true)
            {
                var due = db.InfoLinks.AsNoTracking()
                    .Where(l => l.CheckedAt == null || l.CheckedAt < cutoff)
                    .Where(l => db.InfoItems.Any(i => i.Id == l.ItemId && i.Status == InfoStatus.Published));
                if (command.Site is { Length: > 0 } site) due = due.Where(l => l.Url.StartsWith(site));
                if (after is { } last) due = due.Where(l => l.Id.CompareTo(last) > 0);
                var batch = await due.OrderBy(l => l.Id).Select(l => new Target(l.Id, l.Url)).Take(BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0) break;
                var result = await CheckAndSaveAsync(db, gate, run, clock, batch, cancellationToken);
                total = new Response(total.Checked + result.Checked, total.Requested + result.Requested, total.Broken + result.Broken);
                after = batch[^1].Id;
                if (batch.Count < BatchSize) break;
            }
            logger.LogInformation("Link check: {Checked} links checked, {Requested} requested, {Broken} broken", total.Checked, total.Requested, total.Broken);
            return total;
        }
    }

    /// <summary>Checks <paramref name="targets"/> (<see cref="Parallelism"/> at a time) and saves each verdict as it comes.</summary>
    internal static async Task<Response> CheckAndSaveAsync(ConsultDeskDbContext db, WriteGate gate, LinkCheckRun run, TimeProvider clock,
        IReadOnlyList<Target> targets, CancellationToken cancellationToken)
    {
        var results = Channel.CreateBounded<(Guid Id, LinkVerdict Verdict)>(Parallelism * 2);
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                    async (target, ct) => await results.Writer.WriteAsync((target.Id, await run.CheckAsync(target.Url, ct)), ct));
                results.Writer.Complete();
            }
            catch (Exception ex)
            {
                results.Writer.Complete(ex);
            }
        }, cancellationToken);
        int done = 0, requested = 0, broken = 0;
        await foreach (var (id, verdict) in results.Reader.ReadAllAsync(cancellationToken))
        {
            await SaveAsync(db, gate, id, verdict, clock.GetUtcNow().UtcDateTime, cancellationToken);
            done++;
            if (verdict.Requested) requested++;
            if (verdict.State == LinkState.Broken) broken++;
        }
        await producer;
        return new Response(done, requested, broken);
    }

    /// <summary>One statement per result: a link removed meanwhile (its item edited) simply updates nothing.</summary>
    private static async Task SaveAsync(ConsultDeskDbContext db, WriteGate gate, Guid id, LinkVerdict v, DateTime at, CancellationToken cancellationToken)
    {
        var detail = v.Detail is { Length: > InfoLink.MaxDetailLength } ? v.Detail[..InfoLink.MaxDetailLength] : v.Detail;
        var finalUrl = v.FinalUrl is { Length: > InfoContent.MaxUrlLength } ? null : v.FinalUrl;
        using (await gate.EnterAsync(cancellationToken))
            await db.InfoLinks.Where(l => l.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.State, v.State)
                .SetProperty(l => l.HttpStatus, v.HttpStatus)
                .SetProperty(l => l.FinalUrl, finalUrl)
                .SetProperty(l => l.Redirects, v.Redirects)
                .SetProperty(l => l.Detail, detail)
                .SetProperty(l => l.CheckedAt, at), cancellationToken);
    }
}
