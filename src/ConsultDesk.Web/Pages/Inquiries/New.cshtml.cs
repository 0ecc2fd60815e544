using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Domain;
using ConsultDesk.Domain.PostalCodes;
using ConsultDesk.Features.Inquiries;
using ConsultDesk.Resources;
using ConsultDesk.Web.Pages.Shared;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Inquiries;

/// <summary>The public inquiry form for one party (自治体・企業・働き手). Works without JavaScript.</summary>
[PublicForm(RateLimitPolicies.PublicIntake)]
public sealed class NewModel(
    ISender sender,
    LocalGovernmentLookup municipalities,
    PostalCodeDirectory postalCodes,
    IValidator<SubmitInquiry.Command> validator,
    PublicFormGuard guard,
    ILogger<NewModel> logger) : GuardedPublicFormModel(guard, logger)
{
    protected override string FormName => "Inquiry form";

    public InquirerType Party { get; private set; }

    [BindProperty]
    public InquiryForm Form { get; set; } = new();

    public LocalGovernmentLookup Municipalities => municipalities;

    /// <summary>True on the 確認画面: the answers are shown with 送信 and 戻って修正 instead of the form.</summary>
    public bool Reviewing { get; private set; }

    /// <summary>The portal's policies and guidelines for the ticked topics (null until the visitor has asked or posted once).</summary>
    public IReadOnlyList<Features.Info.FindMatchingPolicies.Match>? Matches { get; private set; }

    /// <summary>After a look-up without JavaScript: what it filled in.</summary>
    public string? LookupMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string party, string? municipality, CancellationToken cancellationToken)
    {
        if (!TryParty(party)) return NotFound();
        Form.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
        if (Party == InquirerType.Company && municipality is { Length: 6 } code && code.All(char.IsAsciiDigit))
            await PrefillMunicipalityAsync(code, cancellationToken);
        IssueClock();
        return Page();
    }

    /// <summary>From the public office directory's link: name the municipality in the subject and message.</summary>
    private async Task PrefillMunicipalityAsync(string code, CancellationToken cancellationToken)
    {
        try
        {
            var found = await sender.Send(new Features.Offices.GetMunicipalityOffices.Query(code), cancellationToken);
            var prefecture = Prefecture.Find(found.PrefectureCode);
            var prefectureName = Form.Language == "en" ? prefecture?.NameEn : prefecture?.Name;
            Form.Subject = string.Format(CultureInfo.InvariantCulture, Texts.OfficesInquirySubject, found.Name);
            Form.Message = string.Format(CultureInfo.InvariantCulture, Texts.OfficesInquiryMessage, found.Name, prefectureName);
            if (!Form.Topics.Contains(Topic.OfficeSearch)) Form.Topics.Add(Topic.OfficeSearch);
        }
        catch (NotFoundException)
        {
            // An unknown or unpublished code leaves the form blank.
        }
    }

    /// <summary>「入力内容を確認する」: every field problem at once, then the timing rule, then the 確認画面.</summary>
    public async Task<IActionResult> OnPostAsync(string party, CancellationToken cancellationToken)
    {
        if (!TryParty(party)) return NotFound();
        if (DropHoneypot("Thanks") is { } dropped) return dropped;
        if (await ValidateAsync(cancellationToken) is null) return Redisplay();
        if (RefuseTooFast() is { } tooFast) return tooFast;
        Reviewing = true;
        await LoadMatchesAsync(cancellationToken);
        return Page();
    }

    /// <summary>「送信する」 on the 確認画面: the carried values are checked again as if typed (the review page is never trusted).</summary>
    public async Task<IActionResult> OnPostSendAsync(string party, CancellationToken cancellationToken)
    {
        if (!TryParty(party)) return NotFound();
        if (DropHoneypot("Thanks") is { } dropped) return dropped;
        if (await ValidateAsync(cancellationToken) is not { } command) return Redisplay();
        if (RefuseTooFast() is { } tooFast) return tooFast;
        try
        {
            var response = await sender.Send(command, cancellationToken);
            TempData["Reference"] = response.Reference;
            return RedirectToPage("Thanks");
        }
        catch (ValidationException ex)
        {
            AddFieldErrors(ex, InquiryForm.FieldFor);
            return Redisplay();
        }
        catch (TooManyRequestsException)
        {
            return Redisplay(Texts.ProblemTooManyRequests, StatusCodes.Status429TooManyRequests);
        }
    }

    /// <summary>「戻って修正する」: the form again with every value kept, and the time already spent still counting.</summary>
    public async Task<IActionResult> OnPostEditAsync(string party, CancellationToken cancellationToken)
    {
        if (!TryParty(party)) return NotFound();
        Form.Normalize();
        KeepClock();
        await LoadMatchesAsync(cancellationToken);
        return Page();
    }

    /// <summary>「関連する施策を表示」 without JavaScript: the form again with every value kept and the matching policies listed; nothing is sent.</summary>
    public async Task<IActionResult> OnPostPoliciesAsync(string party, CancellationToken cancellationToken)
    {
        if (!TryParty(party)) return NotFound();
        Form.Normalize();
        KeepClock();
        await LoadMatchesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadMatchesAsync(CancellationToken cancellationToken)
    {
        var topics = Form.Topics.Where(Topic.IsKnown).Distinct(StringComparer.Ordinal).Take(Features.Info.FindMatchingPolicies.MaxTopics).ToList();
        Matches = topics.Count == 0 ? [] : await sender.Send(new Features.Info.FindMatchingPolicies.Query(topics, Wire.Name(Party), 5), cancellationToken);
    }

    /// <summary>「住所を検索」 without JavaScript: fills 都道府県 and 市区町村 (or picks the 団体) from the postal code; the rest stays editable.</summary>
    public IActionResult OnPostLookup(string party)
    {
        if (!TryParty(party)) return NotFound();
        Form.Normalize();
        KeepClock();
        var found = postalCodes.Find(Form.PostalCode);
        if (FormInput.PostalCodeDigits(Form.PostalCode) is null) FieldErrors["PostalCode"] = Texts.PostalCodeFormat;
        else if (found.Count == 0) FieldErrors["PostalCode"] = Texts.PostalCodeNotFound;
        if (FieldErrors.Count > 0)
        {
            FormMessage = Texts.FormErrorSummary;
            return Page();
        }

        var first = found[0];
        if (Party == InquirerType.Municipality)
        {
            if (municipalities.PickerEntryFor(first.MunicipalityCode) is { } entry) Form.LocalGovernmentCode = entry.Code;
            LookupMessage = Texts.PostalCodeMunicipalityPicked;
        }
        else
        {
            Form.PrefectureCode = first.PrefectureCode;
            Form.AddressMunicipality = first.Municipality;
            LookupMessage = Texts.PostalCodeFilled;
        }
        // The town only when the code names one, and never over what the person already typed.
        if (string.IsNullOrEmpty(Form.AddressStreet) && found.Select(a => a.Town).Distinct(StringComparer.Ordinal).ToList() is [{ Length: > 0 } town])
            Form.AddressStreet = town;
        return Page();
    }

    /// <summary>
    /// Every problem in one round: values the form cannot express (１２０ is fine, abc is not), the form-only rules
    /// and the validator the API uses, all beside their fields in page order. Null when there is any.
    /// </summary>
    private async Task<SubmitInquiry.Command?> ValidateAsync(CancellationToken cancellationToken)
    {
        Form.Normalize();
        var command = Form.ToCommand(Party, municipalities, FieldErrors);
        Form.CheckFormOnlyRules(Party, FieldErrors);
        var result = await validator.ValidateAsync(command, cancellationToken);
        AddFieldErrors(result.Errors, InquiryForm.FieldFor);
        // The shared message says 団体名・企業名; the company form's field is 企業名.
        if (Party == InquirerType.Company && string.IsNullOrEmpty(Form.OrganizationName) && FieldErrors.ContainsKey(nameof(InquiryForm.OrganizationName)))
            FieldErrors[nameof(InquiryForm.OrganizationName)] = string.Format(CultureInfo.CurrentCulture, Texts.Required, Texts.FieldCompanyName);
        OrderFieldErrors(InquiryForm.FieldOrder);
        return FieldErrors.Count == 0 ? command : null;
    }

    private bool TryParty(string party)
    {
        if (!Wire.TryParse<InquirerType>(party, out var parsed) || parsed == InquirerType.Other) return false;
        Party = parsed;
        return true;
    }
}
