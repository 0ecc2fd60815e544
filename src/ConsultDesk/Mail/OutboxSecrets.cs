using System.Security.Cryptography;
using ConsultDesk.Domain;
using Microsoft.AspNetCore.DataProtection;

namespace ConsultDesk.Mail;

/// <summary>
/// Keeps a one-time secret (a portal token, later a password-reset token) out of the clear in an outbox row.
/// <para>
/// How to use it: render the mail with the real link as usual, then hand the clear secret to
/// <see cref="Seal"/> and pass the result as <c>secret</c> to <see cref="OutboxMail.Create"/>. The row then stores the
/// subject, body, List-Unsubscribe and calendar part with <see cref="OutboxMail.SecretPlaceholder"/> where the secret
/// was, and the secret itself only in <see cref="OutboxMail.ProtectedSecret"/>, encrypted with ASP.NET Core Data
/// Protection (the keys in <c>{DataDirectory}/keys</c>, purpose <c>ConsultDesk.OutboxSecret.v1</c>). The dispatcher
/// unprotects it only in memory to build the message (<see cref="OutboxMessage.Build"/>) and clears the column when
/// the row is sent or fails for good; a failed row retried by an admin is sent with
/// <see cref="OutboxMail.DiscardedSecret"/> in place of the secret (a dead link whose page offers a fresh one).
/// A database dump therefore never holds a usable link: pending rows hold ciphertext, finished rows nothing.
/// </para>
/// </summary>
public sealed class OutboxSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("ConsultDesk.OutboxSecret.v1");

    public OutboxSecret Seal(string clear) => new(clear, protector.Protect(clear));

    /// <summary>The clear secret, or null when it cannot be read (the Data Protection keys were lost or replaced).</summary>
    public string? Unseal(string? protectedSecret)
    {
        if (protectedSecret is null) return null;
        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
