namespace ConsultDesk.Domain.Portal;

/// <summary>
/// A link that lets an inquirer into their case's portal page. The token (256 random bits) goes out in a mail
/// and is never stored: only its SHA-256 hash is, so a leaked database does not open any portal.
/// Each mail that carries a link mints its own token. A token stops working after the configured lifetime
/// (counted from <see cref="CreatedAt"/>) and once <see cref="RevokedAt"/> is set (a fresh link was requested).
/// </summary>
public sealed class PortalToken
{
    private PortalToken() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>When a fresh link requested at /portal/link replaced this one.</summary>
    public DateTime? RevokedAt { get; private set; }

    /// <summary>How long after a case stops being open its links still work.</summary>
    public static readonly TimeSpan ValidityAfterClose = TimeSpan.FromDays(90);

    public static (string Token, PortalToken Row) Mint(Guid caseId, DateTime nowUtc)
    {
        var (token, hash) = LinkToken.New();
        return (token, new PortalToken { Id = Guid.CreateVersion7(), CaseId = caseId, TokenHash = hash, CreatedAt = nowUtc });
    }

    /// <summary>The stored form of a token; null for input that cannot be a token at all (so it is not even looked up).</summary>
    public static string? HashOrNull(string? token) => LinkToken.HashOrNull(token);

    public static bool IsValidFor(Case @case, DateTime nowUtc) =>
        @case.MergedIntoId is null && (@case.IsOpen || (@case.ClosedAt ?? @case.ResolvedAt ?? nowUtc) + ValidityAfterClose >= nowUtc);
}
