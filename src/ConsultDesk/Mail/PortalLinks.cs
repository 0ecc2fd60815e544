using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Mail;

/// <summary>A freshly minted portal link: put <see cref="Url"/> in the mail and pass <see cref="Token"/> as the outbox row's secret.</summary>
public sealed record PortalLink(string Token, string Url, string SurveyUrl, string UnsubscribeUrl);

/// <summary>Mints and resolves inquirer portal links (<c>{PublicBaseUrl}/portal/{token}</c>).</summary>
public sealed class PortalLinks(ConsultDeskDbContext db, IOptions<ConsultDeskOptions> options)
{
    /// <summary>Adds a new token row for the case to the context (saved with the mail that carries it).</summary>
    public PortalLink Mint(Case @case, DateTime nowUtc)
    {
        var (token, row) = PortalToken.Mint(@case.Id, nowUtc);
        db.PortalTokens.Add(row);
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        return new PortalLink(token, $"{baseUrl}/portal/{token}", $"{baseUrl}/portal/{token}/survey", $"{baseUrl}/unsubscribe/{token}");
    }

    /// <summary>
    /// The List-Unsubscribe header for a non-essential mail: the one-click https link first, then a mailto the
    /// inbound mail reader understands.
    /// </summary>
    public string ListUnsubscribe(Case @case, PortalLink link)
    {
        var desk = MimeKit.MailboxAddress.Parse(options.Value.Mail.From).Address;
        return $"<{link.UnsubscribeUrl}>, <mailto:{desk}?subject=unsubscribe%20{@case.Reference}>";
    }

    /// <summary>The case a token opens, or null when the token is unknown, malformed or no longer valid.</summary>
    public async Task<Case?> FindCaseAsync(string? token, DateTime nowUtc, CancellationToken cancellationToken, bool track = false)
    {
        if (PortalToken.HashOrNull(token) is not { } hash) return null;
        // One round trip per portal request: the case whose token row has this hash (the hash is unique).
        var cases = track ? db.Cases : db.Cases.AsNoTracking();
        var @case = await cases.Where(c => db.PortalTokens.Any(t => t.TokenHash == hash && t.CaseId == c.Id)).SingleOrDefaultAsync(cancellationToken);
        return @case is not null && PortalToken.IsValidFor(@case, nowUtc) ? @case : null;
    }
}
