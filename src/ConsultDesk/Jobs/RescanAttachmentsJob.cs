using ConsultDesk.Features.Attachments;
using Hangfire;
using Mediator;

namespace ConsultDesk.Jobs;

/// <summary>Hangfire adapter for <see cref="RescanAttachments"/>. Keep the type and method names: stored jobs refer to them.</summary>
public sealed class RescanAttachmentsJob(ISender sender)
{
    public const string RecurringJobId = "attachment-scan";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await sender.Send(new RescanAttachments.Command(), cancellationToken) == RescanAttachments.BatchSize) { }
    }
}
