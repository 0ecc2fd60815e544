namespace ConsultDesk.Domain.Declarations;

/// <summary>
/// The declarant's link (/sengen/manage/{token}), the same design as the inquirer's portal link: 256 random bits
/// sent in a mail and never stored, only their SHA-256 hash; each mail mints its own; a token stops working at
/// <see cref="ExpiresAt"/> or once revoked. The first mail's link confirms the declaration (a POST from the page,
/// so a mail scanner fetching the link confirms nothing) and lives as long as the confirmation window.
/// </summary>
public sealed class DeclarationToken
{
    private DeclarationToken() { }

    /// <summary>How long a link in a later mail (acceptance, return, yearly check) works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    public Guid Id { get; private set; }
    public Guid DeclarationId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsValidAt(DateTime nowUtc) => RevokedAt is null && nowUtc < ExpiresAt;

    public static (string Token, DeclarationToken Row) Mint(Guid declarationId, DateTime nowUtc, DateTime expiresAtUtc)
    {
        var (token, hash) = LinkToken.New();
        return (token, new DeclarationToken
        {
            Id = Guid.CreateVersion7(),
            DeclarationId = declarationId,
            TokenHash = hash,
            CreatedAt = nowUtc,
            ExpiresAt = expiresAtUtc,
        });
    }

    public void Revoke(DateTime nowUtc) => RevokedAt ??= nowUtc;

    /// <summary>The stored form of a token; null for input that cannot be a token (so it is not even looked up).</summary>
    public static string? HashOrNull(string? token) => LinkToken.HashOrNull(token);
}
