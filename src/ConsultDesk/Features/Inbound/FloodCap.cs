using ConsultDesk.Data;
using ConsultDesk.Domain.Inbound;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Inbound;

/// <summary>Mails from one sender acted on in the last 24 hours; past the cap, the rest are recorded and ignored.</summary>
public static class FloodCap
{
    /// <param name="from">The sender's address key (<see cref="Mail.Inbound.InboundMessage.FromAddressKey"/>).</param>
    /// <param name="maxPerDay"><see cref="Common.ImapOptions.MaxPerSenderPerDay"/>.</param>
    public static async Task<bool> IsReachedAsync(ConsultDeskDbContext db, string from, DateTime now, int maxPerDay, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-1);
        var acted = await db.InboundMails.CountAsync(m => m.FromAddressNormalized == from && m.ReceivedAt > since
            && m.Outcome != InboundOutcome.Ignored, cancellationToken);
        return acted >= maxPerDay;
    }
}
