using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Users;

/// <summary>
/// The one place a password reset mail is built: mints a one-time token (only its hash is stored), renders the
/// <c>password-reset</c> template with the link and adds the outbox row. The clear token is never stored: the row
/// holds it sealed by <see cref="OutboxSecrets"/> until it is sent or fails for good.
/// </summary>
public sealed class PasswordResetMail(ConsultDeskDbContext db, MailTemplates templates, IOptions<ConsultDeskOptions> options, OutboxSecrets secrets)
{
    public const string Kind = "password-reset";

    /// <summary>Adds the token row and the mail to the context; the caller saves them with its audit event.</summary>
    public OutboxMail Queue(User user, DateTime nowUtc)
    {
        var settings = options.Value;
        var (token, row) = PasswordResetToken.Mint(user.Id, nowUtc, settings.Auth.PasswordResetLinkLifetime);
        db.PasswordResetTokens.Add(row);
        var url = $"{settings.PublicBaseUrl.TrimEnd('/')}/reset-password?token={token}";
        var rendered = templates.Render(Kind, InquiryLanguage.Ja, new Dictionary<string, object?>
        {
            ["display_name"] = user.DisplayName,
            ["reset_url"] = url,
            ["expires_at"] = InquirerMail.JapanTime(row.ExpiresAt, english: false),
            ["public_base_url"] = settings.PublicBaseUrl,
        });
        var mail = OutboxMail.Create(null, Kind, rendered, user.Email!, user.DisplayName, InquirerMail.MessageIdDomain(settings.Mail), nowUtc, secret: secrets.Seal(token));
        db.Outbox.Add(mail);
        return mail;
    }
}
