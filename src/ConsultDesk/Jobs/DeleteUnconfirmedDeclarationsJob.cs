using ConsultDesk.Features.Declarations;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="DeleteUnconfirmedDeclarations"/>. Keep the type and method names: stored jobs refer to them.</summary>
public sealed class DeleteUnconfirmedDeclarationsJob(ISender sender)
{
    public const string RecurringJobId = "declaration-cleanup";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new DeleteUnconfirmedDeclarations.Command(), cancellationToken);
}
