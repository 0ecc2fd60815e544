using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// What the review slices share: loading a declaration for a write with the client's If-Match (the same
/// <c>"v{Version}"</c> ETags as a case), the answer every write gives, and the words for states and actions.
/// </summary>
public static class DeclarationAccess
{
    /// <summary>The actions staff take on the desk (the declarant's own, confirm and resubmit, are not offered there).</summary>
    public static readonly IReadOnlyList<DeclarationAction> StaffActions =
        [DeclarationAction.Accept, DeclarationAction.Return, DeclarationAction.Reject, DeclarationAction.Withdraw];

    public static async Task<Declaration> LoadForWriteAsync(ConsultDeskDbContext db, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var declaration = await db.Declarations.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Declaration");
        if (expectedVersion is { } expected && expected != declaration.Version) throw new PreconditionFailedException();
        return declaration;
    }

    /// <summary>The version under review (the latest one).</summary>
    public static Task<DeclarationVersion> CurrentVersionAsync(ConsultDeskDbContext db, Declaration declaration, CancellationToken cancellationToken) =>
        db.DeclarationVersions.SingleAsync(v => v.DeclarationId == declaration.Id && v.Number == declaration.CurrentVersionNumber, cancellationToken);

    public static string StatusName(DeclarationStatus status) =>
        Texts.ResourceManager.GetString("DeclarationStatus_" + Key(Wire.Name(status)), CultureInfo.CurrentUICulture) ?? Wire.Name(status);

    public static string ActionName(DeclarationAction action) =>
        Texts.ResourceManager.GetString("DeclarationAction_" + Key(Wire.Name(action)), CultureInfo.CurrentUICulture) ?? Wire.Name(action);

    public static string OutcomeName(DeclarationVersionOutcome outcome) =>
        Texts.ResourceManager.GetString("DeclarationOutcome_" + Key(Wire.Name(outcome)), CultureInfo.CurrentUICulture) ?? Wire.Name(outcome);

    private static string Key(string wire) => wire.Replace('-', '_');

    /// <summary>The 409 detail: what was refused, in which state, and what is possible instead.</summary>
    public static string Refusal(DeclarationStateException refused) =>
        string.Format(Texts.DeclarationActionRefused, ActionName(refused.Attempted), StatusName(refused.Status),
            refused.Allowed.Count == 0 ? Texts.DeclarationNoActions : string.Join(Texts.DeclarationListSeparator, refused.Allowed.Select(ActionName)));
}

/// <summary>What every review write answers: where the declaration now stands and its new version (also sent as the ETag).</summary>
public sealed record DeclarationWriteResult(Guid Id, DeclarationStatus Status, int? Number, string? NumberText, int Version)
{
    public static DeclarationWriteResult Of(Declaration declaration) => new(declaration.Id, declaration.Status, declaration.Number,
        declaration.Number is { } number ? Declaration.FormatNumber(number) : null, declaration.Version);

    public IResult ToHttp(HttpResponse response)
    {
        Cases.CaseAccess.SetETag(response, Version);
        return TypedResults.Ok(this);
    }
}

public static class DeclarationRules
{
    /// <summary>The reason of a return, rejection or withdrawal: required, several lines allowed, mailed as written.</summary>
    public static IRuleBuilderOptions<T, string?> DeclarationReason<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => Texts.DeclarationReasonRequired)
            .Must(r => r is null || r.Trim().Length <= Declaration.MaxReasonLength)
            .WithMessage(_ => string.Format(Texts.TooLong, "reason", Declaration.MaxReasonLength));
}
