using System.Security.Cryptography;

namespace ConsultDesk.Domain;

/// <summary>
/// The secret in a personal link (the inquirer's portal, the declarant's page): 256 random bits as base64url, sent in a
/// mail and never stored; only its SHA-256 hash is, so a leaked database opens nothing.
/// </summary>
public static class LinkToken
{
    /// <summary>A fresh token and the hash to store.</summary>
    public static (string Token, string Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    /// <summary>The stored form of a token; null for input that cannot be a token at all (so it is not even looked up).</summary>
    public static string? HashOrNull(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? Hash(token) : null;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
}
