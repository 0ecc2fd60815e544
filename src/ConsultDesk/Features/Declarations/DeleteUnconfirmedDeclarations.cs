using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// Deletes declarations never confirmed within <see cref="Declaration.ConfirmationWindow"/>, with their versions,
/// events and links (the foreign keys cascade). One set-based delete per run: two runs at once delete each row once,
/// and the second simply finds nothing.
/// </summary>
public static class DeleteUnconfirmedDeclarations
{
    public sealed record Command : ICommand<int>, ISystemMessage;

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var cutoff = clock.GetUtcNow().UtcDateTime - Declaration.ConfirmationWindow;
            var deleted = await db.Declarations
                .Where(d => d.Status == DeclarationStatus.Unconfirmed && d.CreatedAt <= cutoff)
                .ExecuteDeleteAsync(cancellationToken);
            if (deleted > 0) logger.LogInformation("Deleted {Count} declarations not confirmed within the window", deleted);
            return deleted;
        }
    }
}
