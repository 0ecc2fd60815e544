using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Mail;

/// <summary>
/// A freshly minted portal link: put <see cref="Url"/> in the mail and pass <see cref="Secret"/> as the outbox row's
/// secret, so the row never stores the token in clear.
/// </summary>
public sealed record PortalLink(OutboxSecret Secret, string Url, string SurveyUrl, string UnsubscribeUrl)
{
    public string Token => Secret.Clear;

    public override string ToString() => nameof(PortalLink);
}

/// <summary>
/// Mints and resolves inquirer portal links (<c>{PublicBaseUrl}/portal/{token}</c>). A link works for
/// <see cref="PortalOptions.TokenLifetime"/> from when it was minted, until a fresh link is requested at
/// <c>/portal/link</c> (which revokes every earlier link of the case), and only while the case itself may be seen
/// (<see cref="PortalToken.IsValidFor"/>).
/// </summary>
public sealed class PortalLinks(ConsultDeskDbContext db, OutboxSecrets secrets, IOptions<ConsultDeskOptions> options)
{
    /// <summary>Adds a new token row for the case to the context (saved with the mail that carries it).</summary>
    public PortalLink Mint(Case @case, DateTime nowUtc)
    {
        var (token, row) = PortalToken.Mint(@case.Id, nowUtc);
        db.PortalTokens.Add(row);
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        return new PortalLink(secrets.Seal(token), $"{baseUrl}/portal/{token}", $"{baseUrl}/portal/{token}/survey", $"{baseUrl}/unsubscribe/{token}");
    }

    /// <summary>Revokes every link of the case minted so far (run in the transaction that mints the new one).</summary>
    public Task<int> RevokeAllAsync(Guid caseId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.PortalTokens.Where(t => t.CaseId == caseId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, nowUtc), cancellationToken);

    /// <summary>
    /// The List-Unsubscribe header for a non-essential mail: the one-click https link first, then a mailto the
    /// inbound mail reader understands.
    /// </summary>
    public string ListUnsubscribe(Case @case, PortalLink link)
    {
        var desk = MimeKit.MailboxAddress.Parse(options.Value.Mail.From).Address;
        return $"<{link.UnsubscribeUrl}>, <mailto:{desk}?subject=unsubscribe%20{@case.Reference}>";
    }

    /// <summary>
    /// The case a token opens, or null when the token is unknown, malformed, revoked, past its lifetime or its case may
    /// no longer be seen. <paramref name="forOptOut"/> lets an old or revoked link still stop non-essential mail
    /// (the List-Unsubscribe of a mail must keep working): it opens nothing else.
    /// </summary>
    public async Task<Case?> FindCaseAsync(string? token, DateTime nowUtc, CancellationToken cancellationToken, bool track = false, bool forOptOut = false)
    {
        if (PortalToken.HashOrNull(token) is not { } hash) return null;
        var mintedAfter = nowUtc - options.Value.Portal.TokenLifetime;
        // One round trip per portal request: the case whose token row has this hash (the hash is unique).
        var cases = track ? db.Cases : db.Cases.AsNoTracking();
        var @case = await cases.Where(c => db.PortalTokens.Any(t => t.TokenHash == hash && t.CaseId == c.Id
                && (forOptOut || (t.RevokedAt == null && t.CreatedAt > mintedAfter))))
            .SingleOrDefaultAsync(cancellationToken);
        return @case is not null && PortalToken.IsValidFor(@case, nowUtc) ? @case : null;
    }
}
