using System.Security.Cryptography;

namespace ConsultDesk.Domain.Users;

/// <summary>
/// A one-time password reset link. The token (256 random bits) goes out in a mail and is never stored: only its
/// SHA-256 hash is. It works once and until <see cref="ExpiresAt"/>; a completed reset uses up every link of the user.
/// </summary>
public sealed class PasswordResetToken
{
    private PasswordResetToken() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    public static (string Token, PasswordResetToken Row) Mint(Guid userId, DateTime nowUtc, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, new PasswordResetToken
        {
            Id = Guid.CreateVersion7(), UserId = userId, TokenHash = Hash(token), CreatedAt = nowUtc, ExpiresAt = nowUtc + lifetime,
        });
    }

    /// <summary>The stored form of a token; null for input that cannot be a token at all (so it is not even looked up).</summary>
    public static string? HashOrNull(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? Hash(token) : null;

    public bool IsUsable(DateTime nowUtc) => UsedAt is null && nowUtc < ExpiresAt;

    public void MarkUsed(DateTime nowUtc) => UsedAt ??= nowUtc;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
}
