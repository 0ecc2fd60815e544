using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Files;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Attachments;

/// <summary>
/// Scans again the files of inbound mail kept while the virus scanner was unreachable (<see cref="ScanStatus.Pending"/>):
/// clean ones become servable, infected ones are never served and their stored content is removed (unless a clean row
/// shares it). Stops at the first scan the daemon cannot answer; the next run (Hangfire job <c>attachment-scan</c>) goes on.
/// </summary>
public static class RescanAttachments
{
    public const int BatchSize = 50;

    public sealed record Command : ICommand<int>, ISystemMessage;

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, AttachmentStore store, IVirusScanner scanner, ILogger<Handler> logger)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!scanner.IsConfigured) return 0;
            var pending = await db.Attachments.Where(a => a.ScanStatus == ScanStatus.Pending).OrderBy(a => a.CreatedAt).Take(BatchSize).ToListAsync(cancellationToken);
            var scanned = 0;
            var infected = new List<string>();
            foreach (var attachment in pending)
            {
                ScanResult result;
                await using (var content = store.Open(attachment.Sha256))
                {
                    if (content is null)
                    {
                        // The content is gone (restored without its files?): it can never be served.
                        attachment.Scanned(infected: true);
                        continue;
                    }
                    result = await scanner.ScanAsync(content, cancellationToken);
                }
                if (result.Verdict == ScanVerdict.Unavailable) break;
                attachment.Scanned(result.Verdict == ScanVerdict.Infected);
                scanned++;
                if (result.Verdict == ScanVerdict.Infected)
                {
                    infected.Add(attachment.Sha256);
                    logger.LogWarning("Attachment {AttachmentId} of case {CaseId} is infected ({Signature}); it will not be served", attachment.Id, attachment.CaseId, result.Signature);
                }
            }
            await gate.SaveChangesAsync(db, cancellationToken);
            foreach (var sha256 in infected.Distinct())
                if (!await db.Attachments.AnyAsync(a => a.Sha256 == sha256 && a.ScanStatus != ScanStatus.Infected, cancellationToken))
                    store.Delete(sha256);
            return scanned;
        }
    }
}
