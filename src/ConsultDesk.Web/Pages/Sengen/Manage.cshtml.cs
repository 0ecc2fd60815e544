using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.PostalCodes;
using ConsultDesk.Features.Declarations;
using ConsultDesk.Resources;
using ConsultDesk.Web.Pages.Inquiries;
using ConsultDesk.Web.Pages.Shared;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>
/// The declarant's page, opened by the mailed link: the state in words, the content, and the actions the state allows
/// (confirm, edit and resubmit, withdraw, answer the yearly check), each a POST. Opening the page changes nothing, so a
/// mail scanner fetching the link confirms nothing. A link that opens nothing is a 404 (counted by the portal guard).
/// </summary>
public sealed class ManageModel(
    ISender sender,
    LocalGovernmentLookup municipalities,
    PostalCodeDirectory postalCodes,
    IValidator<SubmitDeclaration.Command> validator) : PublicFormModel
{
    /// <summary>From the route only: a form field must not be able to swap the token the URL carries.</summary>
    public string Token => RouteData.Values["token"] as string ?? "";

    public string ManagePath => $"/sengen/manage/{Uri.EscapeDataString(Token)}";

    public GetOwnDeclaration.Model? View { get; private set; }

    public Declaration Declaration => View!.Declaration;

    /// <summary>The award overview: the page links to it when a round is open for entries or the declarant has entries.</summary>
    public ConsultDesk.Features.Award.ListOwnAwardEntries.Model? Award { get; private set; }

    public LocalGovernmentLookup Municipalities => municipalities;

    [BindProperty]
    public DeclarationForm Form { get; set; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The edit form is shown open (after a look-up or with its errors).</summary>
    public bool Editing { get; private set; }

    /// <summary>The withdrawal's confirmation step.</summary>
    public bool ConfirmingWithdrawal { get; private set; }

    public string? Flash { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Invalid();
        Flash = TempData["SengenFlash"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new ConfirmDeclaration.Command(Token), cancellationToken).AsTask(), Texts.SengenConfirmed, cancellationToken);

    public Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken) =>
        RunAsync(() => sender.Send(new AnswerDeclarationCheck.Command(Token), cancellationToken).AsTask(), Texts.SengenCheckAnswered, cancellationToken);

    /// <summary>「取り下げる」 shows the confirmation step; 「取り下げを確定する」 (confirm=true) withdraws.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            if (!await LoadAsync(cancellationToken)) return Invalid();
            ConfirmingWithdrawal = true;
            return Page();
        }
        return await RunAsync(() => sender.Send(new WithdrawOwnDeclaration.Command(Token, Reason), cancellationToken).AsTask(), Texts.SengenWithdrawnFlash,
            cancellationToken);
    }

    /// <summary>The edit form sent: the same checks as the new form, then a new version for review.</summary>
    public async Task<IActionResult> OnPostResubmitAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken, keepForm: true)) return Invalid();
        Form.Normalize();
        var command = Form.ToCommand(View!.Items, FieldErrors);
        Form.CheckFormOnlyRules(FieldErrors);
        var result = await validator.ValidateAsync(command, cancellationToken);
        foreach (var failure in result.Errors) FieldErrors.TryAdd(DeclarationForm.FieldFor(failure, command), failure.ErrorMessage);
        if (FieldErrors.Count > 0)
        {
            OrderFieldErrors(DeclarationForm.FieldOrder(View.Items));
            Editing = true;
            return Redisplay(statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        return await RunAsync(() => sender.Send(new ResubmitDeclaration.Command(Token, command), cancellationToken).AsTask(), Texts.SengenResubmitted,
            cancellationToken, command);
    }

    /// <summary>「住所を検索」 in the edit form without JavaScript.</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken, keepForm: true)) return Invalid();
        Form.Normalize();
        Editing = true;
        LookupMessage = NewModel.LookUp(Form, postalCodes, municipalities, FieldErrors);
        if (FieldErrors.Count > 0) FormMessage = Texts.FormErrorSummary;
        return Page();
    }

    public string? LookupMessage { get; private set; }

    /// <summary>The items the edit form offers: the active ones, and any the current version chose that are no longer active.</summary>
    public IReadOnlyList<DeclarationItem> FormItems =>
        [.. View!.Items.Where(i => i.Active || (i.Kind == DeclarationItemKind.Commitment && View.Content.Commitments.Any(c => c.ItemCode == i.Code)))];

    /// <param name="keepForm">True when the posted edit form is what the page shows; otherwise it is prefilled from the current version.</param>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken, bool keepForm = false)
    {
        View = await sender.Send(new GetOwnDeclaration.Query(Token), cancellationToken);
        if (View is null) return false;
        Award = await sender.Send(new ConsultDesk.Features.Award.ListOwnAwardEntries.Query(Token), cancellationToken);
        if (!keepForm) Form = DeclarationForm.From(View.Content);
        return true;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>Runs a declarant action: back to the page with <paramref name="done"/>, or the page with why it cannot be done.</summary>
    private async Task<IActionResult> RunAsync(Func<Task> action, string done, CancellationToken cancellationToken, SubmitDeclaration.Command? command = null)
    {
        try
        {
            await action();
            TempData["SengenFlash"] = done;
            return Redirect(ManagePath);
        }
        catch (NotFoundException)
        {
            View = null;
            return Invalid();
        }
        catch (DeclarationStateException ex)
        {
            if (!await LoadAsync(cancellationToken, keepForm: command is not null)) return Invalid();
            return Redisplay(string.Format(Texts.SengenIllegalAction, StatusWords(ex.Status)), StatusCodes.Status409Conflict);
        }
        catch (ConflictException)
        {
            if (!await LoadAsync(cancellationToken)) return Invalid();
            return Redisplay(string.Format(Texts.SengenIllegalAction, StatusWords(Declaration.Status)), StatusCodes.Status409Conflict);
        }
        catch (ValidationException ex)
        {
            if (!await LoadAsync(cancellationToken, keepForm: command is not null)) return Invalid();
            foreach (var failure in ex.Errors)
                FieldErrors.TryAdd(command is null ? "Reason" : DeclarationForm.FieldFor(failure, command), failure.ErrorMessage);
            Editing = command is not null;
            ConfirmingWithdrawal = command is null;
            return Redisplay(statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    public static string StatusWords(DeclarationStatus status) => status switch
    {
        DeclarationStatus.Unconfirmed => Texts.SengenStatusUnconfirmed,
        DeclarationStatus.InReview => Texts.SengenStatusInReview,
        DeclarationStatus.Returned => Texts.SengenStatusReturned,
        DeclarationStatus.Accepted => Texts.SengenStatusAccepted,
        DeclarationStatus.Rejected => Texts.SengenStatusRejected,
        _ => Texts.SengenStatusWithdrawn,
    };
}
