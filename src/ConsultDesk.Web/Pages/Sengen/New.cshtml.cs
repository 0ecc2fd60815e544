using System.Globalization;
using ConsultDesk.Common.Http;
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

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>The public Action宣言 form: fields, 確認画面, send. Works without JavaScript; the inquiry forms' bot guard and limits.</summary>
[PublicForm(RateLimitPolicies.PublicIntake)]
public sealed class NewModel(
    ISender sender,
    IDeclarationItems declarationItems,
    LocalGovernmentLookup municipalities,
    PostalCodeDirectory postalCodes,
    IValidator<SubmitDeclaration.Command> validator,
    PublicFormGuard guard,
    ILogger<NewModel> logger) : GuardedPublicFormModel(guard, logger)
{
    protected override string FormName => "Declaration form";

    [BindProperty]
    public DeclarationForm Form { get; set; } = new();

    public IReadOnlyList<DeclarationItem> Items { get; private set; } = [];

    public LocalGovernmentLookup Municipalities => municipalities;

    public bool Reviewing { get; private set; }

    public string? LookupMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Items = await declarationItems.ActiveAsync(cancellationToken);
        Form.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
        IssueClock();
        return Page();
    }

    /// <summary>「入力内容を確認する」: every field problem at once, then the timing rule, then the 確認画面.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Items = await declarationItems.ActiveAsync(cancellationToken);
        if (DropHoneypot("Thanks") is { } dropped) return dropped;
        if (await ValidateAsync(cancellationToken) is null) return Redisplay();
        if (RefuseTooFast() is { } tooFast) return tooFast;
        Reviewing = true;
        return Page();
    }

    /// <summary>「送信する」 on the 確認画面: the carried values are checked again as if typed.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        Items = await declarationItems.ActiveAsync(cancellationToken);
        if (DropHoneypot("Thanks") is { } dropped) return dropped;
        if (await ValidateAsync(cancellationToken) is not { } command) return Redisplay();
        if (RefuseTooFast() is { } tooFast) return tooFast;
        try
        {
            await sender.Send(command, cancellationToken);
            return RedirectToPage("Thanks");
        }
        catch (ValidationException ex)
        {
            foreach (var failure in ex.Errors) FieldErrors.TryAdd(DeclarationForm.FieldFor(failure, command), failure.ErrorMessage);
            OrderFieldErrors(DeclarationForm.FieldOrder(Items));
            return Redisplay();
        }
        catch (ConsultDesk.Common.TooManyRequestsException)
        {
            return Redisplay(Texts.ProblemTooManyRequests, StatusCodes.Status429TooManyRequests);
        }
    }

    /// <summary>「戻って修正する」: the form again with every value kept.</summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        Items = await declarationItems.ActiveAsync(cancellationToken);
        Form.Normalize();
        KeepClock();
        return Page();
    }

    /// <summary>「住所を検索」 without JavaScript: fills 都道府県 and 市区町村 from the postal code.</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken)
    {
        Items = await declarationItems.ActiveAsync(cancellationToken);
        Form.Normalize();
        KeepClock();
        LookupMessage = LookUp(Form, postalCodes, municipalities, FieldErrors);
        if (FieldErrors.Count > 0) FormMessage = Texts.FormErrorSummary;
        return Page();
    }

    /// <summary>The no-JavaScript postal look-up shared with the declarant's edit form; the status line, or null with a field error.</summary>
    public static string? LookUp(DeclarationForm form, PostalCodeDirectory postalCodes, LocalGovernmentLookup municipalities, IDictionary<string, string> fieldErrors)
    {
        var found = postalCodes.Find(form.PostalCode);
        if (FormInput.PostalCodeDigits(form.PostalCode) is null) fieldErrors["PostalCode"] = Texts.PostalCodeFormat;
        else if (found.Count == 0) fieldErrors["PostalCode"] = Texts.PostalCodeNotFound;
        if (fieldErrors.Count > 0) return null;
        var first = found[0];
        form.PrefectureCode = first.PrefectureCode;
        if (municipalities.PickerEntryFor(first.MunicipalityCode) is { } entry) form.LocalGovernmentCode = entry.Code;
        if (string.IsNullOrEmpty(form.AddressStreet) && found.Select(a => a.Town).Distinct(StringComparer.Ordinal).ToList() is [{ Length: > 0 } town])
            form.AddressStreet = town;
        return Texts.PostalCodeFilled;
    }

    private async Task<SubmitDeclaration.Command?> ValidateAsync(CancellationToken cancellationToken)
    {
        Form.Normalize();
        var command = Form.ToCommand(Items, FieldErrors);
        Form.CheckFormOnlyRules(FieldErrors);
        var result = await validator.ValidateAsync(command, cancellationToken);
        foreach (var failure in result.Errors) FieldErrors.TryAdd(DeclarationForm.FieldFor(failure, command), failure.ErrorMessage);
        OrderFieldErrors(DeclarationForm.FieldOrder(Items));
        return FieldErrors.Count == 0 ? command : null;
    }
}
