using System.Text.RegularExpressions;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail.Inbound;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Inbound;

/// <summary>
/// "unsubscribe CD-…" from the List-Unsubscribe mailto of our non-essential mails: only the case's own address
/// can opt out, and the mail itself is no message on the case.
/// </summary>
public static partial class OptOutByMail
{
    /// <summary>The case reference a subject asks to unsubscribe from (upper case), or null when it asks nothing of the kind.</summary>
    public static string? RequestedReference(string subject) =>
        Unsubscribe().Match(ReplyMatch.Normalized(subject)) is { Success: true } unsubscribe ? unsubscribe.Groups[1].Value.ToUpperInvariant() : null;

    /// <summary>Records the opt-out (once per address) and returns the reason to record the mail with, and its case.</summary>
    public static async Task<(string Reason, Guid? CaseId)> ApplyAsync(ConsultDeskDbContext db, InboundMessage mail, string reference, DateTime now,
        CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken);
        if (@case is null || @case.EmailNormalized != mail.FromAddressNormalized) return ("unsubscribe-unmatched", null);
        if (!await db.MailOptOuts.AnyAsync(o => o.EmailNormalized == @case.EmailNormalized, cancellationToken))
        {
            db.MailOptOuts.Add(MailOptOut.For(@case, OptOutChannel.Mail, now));
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "opted-out", now, new { via = "mail" }));
        }
        return ("unsubscribe", @case.Id);
    }

    [GeneratedRegex(@"^\s*unsubscribe\s+(CD-\d{4}-\d{6})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Unsubscribe();
}
