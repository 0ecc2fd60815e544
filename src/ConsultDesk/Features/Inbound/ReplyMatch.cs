using System.Text;
using System.Text.RegularExpressions;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail.Inbound;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Inbound;

/// <summary>
/// The case a mail answers: through one of our Message-IDs it quotes (In-Reply-To, References), then through
/// a reference in its subject when it comes from that case's inquirer. Merged cases lead to where they went.
/// Only an answer to mail we sent the case's own inquirer is the inquirer's; an answer to mail we sent anyone
/// else (managers, a municipality) is <c>Internal</c>: staff see it on the case, the inquirer never does.
/// </summary>
public static partial class ReplyMatch
{
    /// <param name="Case">The case the mail belongs to, tracked; null when it answers none.</param>
    /// <param name="ReferenceFromStranger">Its subject names a case whose inquirer has another address.</param>
    /// <param name="Internal">It answers the desk's mail to someone other than the inquirer.</param>
    public sealed record Result(Case? Case, bool ReferenceFromStranger, bool Internal)
    {
        public static readonly Result None = new(null, false, false);
    }

    public static async Task<Result> FindAsync(ConsultDeskDbContext db, InboundMessage mail, CancellationToken cancellationToken)
    {
        if (mail.Answers.Count > 0)
        {
            var answers = mail.Answers.ToList();
            var answered = await (from m in db.Outbox.AsNoTracking()
                                  where answers.Contains(m.MessageId) && m.CaseId != null
                                  join c in db.Cases.AsNoTracking() on m.CaseId equals c.Id
                                  orderby m.CreatedAt descending
                                  select new { c.Id, m.ToAddress, c.Email })
                .ToListAsync(cancellationToken);
            var toInquirer = answered.FirstOrDefault(m => string.Equals(m.ToAddress.Trim(), m.Email.Trim(), StringComparison.OrdinalIgnoreCase));
            if (toInquirer is not null) return new(await FollowMergesAsync(db, toInquirer.Id, cancellationToken), false, false);
            if (answered.Count > 0) return new(await FollowMergesAsync(db, answered[0].Id, cancellationToken), false, true);
        }

        var mismatch = false;
        foreach (var reference in ReferenceInSubject().Matches(Normalized(mail.Subject)).Select(m => m.Value.ToUpperInvariant()).Distinct())
        {
            var @case = await db.Cases.SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken);
            if (@case is null) continue;
            if (@case.EmailNormalized == mail.FromAddressNormalized) return new(await FollowMergesAsync(db, @case.Id, cancellationToken), false, false);
            mismatch = true;
        }
        return new(null, mismatch, false);
    }

    private static async Task<Case?> FollowMergesAsync(ConsultDeskDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        for (var hops = 0; @case?.MergedIntoId is { } into && hops < 5; hops++)
            @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == into, cancellationToken) ?? @case;
        return @case;
    }

    /// <summary>Full-width letters, digits and dashes as ASCII, so ＣＤ－２０２６－０００１２３ is found too.</summary>
    internal static string Normalized(string subject) => subject.Normalize(NormalizationForm.FormKC);

    [GeneratedRegex(@"CD-\d{4}-\d{6}", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceInSubject();
}
