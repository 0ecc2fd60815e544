using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Features.Users;

/// <summary>Writes <see cref="AccountEvent"/> rows with the time and the client's address of the current request.</summary>
public sealed class AccountAudit(ConsultDeskDbContext db, WriteGate gate, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Adds the event to the context; it is saved with the change it records.</summary>
    public AccountEvent Add(string kind, Guid? actorUserId, Guid? subjectUserId)
    {
        var entry = AccountEvent.Create(kind, actorUserId, subjectUserId, http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            clock.GetUtcNow().UtcDateTime);
        db.AccountEvents.Add(entry);
        return entry;
    }

    /// <summary>Adds and saves an event on its own (sign-in events, which change nothing else of ours).</summary>
    public async Task RecordAsync(string kind, Guid? actorUserId, Guid? subjectUserId, CancellationToken cancellationToken)
    {
        Add(kind, actorUserId, subjectUserId);
        await gate.SaveChangesAsync(db, cancellationToken);
    }
}
