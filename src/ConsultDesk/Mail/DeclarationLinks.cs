using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Mail;

/// <summary>
/// A freshly minted declarant link: put <see cref="Url"/> in the mail and pass <see cref="Secret"/> as the outbox
/// row's secret, so the row never stores the token in clear.
/// </summary>
public sealed record DeclarationLink(OutboxSecret Secret, string Url)
{
    public override string ToString() => nameof(DeclarationLink);
}

/// <summary>
/// Mints and resolves the declarant's links (<c>{PublicBaseUrl}/sengen/manage/{token}</c>), the same design as
/// <see cref="PortalLinks"/>. The confirmation mail's link lives until the confirmation window ends; later mails'
/// links live <see cref="DeclarationToken.Lifetime"/>.
/// </summary>
public sealed class DeclarationLinks(ConsultDeskDbContext db, OutboxSecrets secrets, IOptions<ConsultDeskOptions> options)
{
    /// <summary>Adds a new token row to the context (saved with the mail that carries it).</summary>
    public DeclarationLink Mint(Declaration declaration, DateTime nowUtc)
    {
        var expires = declaration.Status == DeclarationStatus.Unconfirmed ? declaration.ConfirmationExpiresAt : nowUtc + DeclarationToken.Lifetime;
        var (token, row) = DeclarationToken.Mint(declaration.Id, nowUtc, expires);
        db.DeclarationTokens.Add(row);
        return new DeclarationLink(secrets.Seal(token), $"{BaseUrl}/sengen/manage/{token}");
    }

    public string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The public page of an accepted declaration.</summary>
    public string PublicUrl(int number) => $"{BaseUrl}/sengen/{number}";

    /// <summary>
    /// The declaration a token opens, or null when the token is unknown, malformed, revoked or expired, or its
    /// declaration is gone (an unconfirmed one past its window is deleted).
    /// </summary>
    public async Task<Declaration?> FindAsync(string? token, DateTime nowUtc, CancellationToken cancellationToken, bool track = false)
    {
        if (DeclarationToken.HashOrNull(token) is not { } hash) return null;
        var declarations = track ? db.Declarations : db.Declarations.AsNoTracking();
        return await declarations
            .Where(d => db.DeclarationTokens.Any(t => t.TokenHash == hash && t.DeclarationId == d.Id && t.RevokedAt == null && t.ExpiresAt > nowUtc))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Revokes every link of the declaration minted so far (run in the transaction that mints the new one).</summary>
    public Task<int> RevokeAllAsync(Guid declarationId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.DeclarationTokens.Where(t => t.DeclarationId == declarationId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, nowUtc), cancellationToken);
}

/// <summary>
/// Composes every mail to a declarant's contact: in the declaration's language, with a fresh declarant link, and the
/// model every declaration template can use (see <see cref="MailTemplateCatalog"/>). Essential mail: no
/// List-Unsubscribe (the yearly check included).
/// </summary>
public sealed class DeclarationMail(MailTemplates templates, DeclarationLinks links, IOptions<ConsultDeskOptions> options)
{
    /// <param name="kind">The template name (declaration-confirmation, declaration-accepted, …).</param>
    /// <param name="extra">Template-specific values (reason, …), added to the base model.</param>
    public OutboxMail Create(Declaration declaration, string kind, DateTime nowUtc, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var english = declaration.Language == InquiryLanguage.En;
        var link = links.Mint(declaration, nowUtc);
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["organization_name"] = declaration.OrganizationName,
            ["declaration_number"] = declaration.Number is { } number ? Declaration.FormatNumber(number) : "",
            ["public_url"] = declaration.Number is { } n ? links.PublicUrl(n) : "",
            ["manage_url"] = link.Url,
            ["link_expires_at"] = InquirerMail.JapanTime(declaration.Status == DeclarationStatus.Unconfirmed
                ? declaration.ConfirmationExpiresAt : nowUtc + DeclarationToken.Lifetime, english),
            ["public_base_url"] = options.Value.PublicBaseUrl,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>()) model[key] = value;
        var rendered = templates.Render(kind, declaration.Language, model);
        return OutboxMail.Create(caseId: null, kind, rendered, declaration.ContactEmail, toName: null,
            InquirerMail.MessageIdDomain(options.Value.Mail), nowUtc, secret: link.Secret);
    }
}
