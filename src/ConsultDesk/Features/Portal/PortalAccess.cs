using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Mail;

namespace ConsultDesk.Features.Portal;

/// <summary>
/// How every portal use case opens its case: by the token alone. A token that is wrong, malformed, expired, revoked or
/// belongs to a merged case is one and the same not-found, so a visitor learns nothing about why.
/// </summary>
public static class PortalAccess
{
    public static async Task<Case> OpenAsync(PortalLinks links, string? token, DateTime nowUtc, CancellationToken cancellationToken, bool track = false,
        bool forOptOut = false) =>
        await links.FindCaseAsync(token, nowUtc, cancellationToken, track, forOptOut) ?? throw new NotFoundException("Portal link");

    /// <summary>The survey asks about the outcome, so it opens once the case is resolved or closed.</summary>
    public static bool SurveyOpen(Case @case) => @case.Status is CaseStatus.Resolved or CaseStatus.Closed;
}
