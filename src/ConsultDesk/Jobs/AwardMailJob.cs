using ConsultDesk.Features.Award;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>
/// Hangfire adapter for the award's two mail sweeps: the entry deadline (<see cref="SendAwardDeadlineMails"/>) and
/// publication (<see cref="SendAwardResultMails"/>). Keep the type and method names: stored jobs refer to them.
/// </summary>
public sealed class AwardMailJob(ISender sender)
{
    public const string RecurringJobId = "award-mail";

    // Retrying and overlapping are safe: each sweep marks its round in the transaction that queues the mails.
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new SendAwardDeadlineMails.Command(), cancellationToken);
        await sender.Send(new SendAwardResultMails.Command(), cancellationToken);
    }
}
