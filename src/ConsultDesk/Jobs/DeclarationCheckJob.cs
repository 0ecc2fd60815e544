using ConsultDesk.Features.Declarations;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="RunDeclarationChecks"/> (daily). Keep the type and method names: stored jobs refer to them.</summary>
public sealed class DeclarationCheckJob(ISender sender)
{
    public const string RecurringJobId = "declaration-yearly-check";

    // Retrying and overlapping are safe: each declaration is saved under its row version (one mail per check).
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Drain full batches while they make progress (a batch of conflicts only is left to the next run).
        RunDeclarationChecks.Response response;
        do response = await sender.Send(new RunDeclarationChecks.Command(), cancellationToken);
        while (response.BatchWasFull && response.Requested + response.Flagged > 0);
    }
}
