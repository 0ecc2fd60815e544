using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Domain;
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
    PublicFormGuard guard,
    ILogger<NewModel> logger) : GuardedPublicFormModel(guard, logger)
{
    protected override string FormName => "Inquiry form";

    public InquirerType Party { get; private set; }

    [BindProperty]
    public InquiryForm Form { get; set; } = new();

    public LocalGovernmentLookup Municipalities => municipalities;

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

    public async Task<IActionResult> OnPostAsync(string party, CancellationToken cancellationToken)
    {
        if (!TryParty(party)) return NotFound();
        if (RefuseBot("Thanks") is { } refused) return refused;

        var command = Form.ToCommand(Party, municipalities, FieldErrors);
        if (FieldErrors.Count > 0) return Redisplay();
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

    private bool TryParty(string party)
    {
        if (!Wire.TryParse<InquirerType>(party, out var parsed) || parsed == InquirerType.Other) return false;
        Party = parsed;
        return true;
    }
}
