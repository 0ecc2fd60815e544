using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Domain;
using ConsultDesk.Features.Inquiries;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Pages.Inquiries;

/// <summary>The public inquiry form for one party (自治体・企業・働き手). Works without JavaScript.</summary>
[EnableRateLimiting(RateLimitPolicies.PublicIntake)]
public sealed class NewModel(
    ISender sender,
    LocalGovernmentLookup municipalities,
    IDataProtectionProvider dataProtection,
    TimeProvider clock,
    IOptions<ConsultDeskOptions> options,
    ILogger<NewModel> logger) : PageModel
{
    private IDataProtector FormClock => dataProtection.CreateProtector("ConsultDesk.InquiryForm.IssuedAt");

    public InquirerType Party { get; private set; }

    [BindProperty]
    public InquiryForm Form { get; set; } = new();

    /// <summary>Honeypot: hidden from people, filled in by naive bots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    /// <summary>When the form was shown, signed so it cannot be forged to look slow.</summary>
    [BindProperty]
    public string? IssuedAt { get; set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);
    public string? FormMessage { get; private set; }
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
        if (!string.IsNullOrEmpty(Website))
        {
            logger.LogInformation("Inquiry form submission dropped: honeypot filled");
            return RedirectToPage("Thanks");
        }
        if (!FilledSlowlyEnough())
        {
            logger.LogInformation("Inquiry form submission refused: sent faster than the minimum fill time");
            FormMessage = Texts.FormTooFast;
            IssueClock();
            return Page();
        }

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
            foreach (var error in ex.Errors)
                FieldErrors.TryAdd(InquiryForm.FieldFor(error.PropertyName), error.ErrorMessage);
            return Redisplay();
        }
        catch (TooManyRequestsException)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            FormMessage = Texts.ProblemTooManyRequests;
            IssueClock();
            return Page();
        }
    }

    private IActionResult Redisplay()
    {
        FormMessage = Texts.FormErrorSummary;
        IssueClock();
        return Page();
    }

    private bool TryParty(string party)
    {
        if (!Wire.TryParse<InquirerType>(party, out var parsed) || parsed == InquirerType.Other) return false;
        Party = parsed;
        return true;
    }

    private void IssueClock() =>
        IssuedAt = FormClock.Protect(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    private bool FilledSlowlyEnough()
    {
        try
        {
            if (IssuedAt is null) return false;
            var shown = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(FormClock.Unprotect(IssuedAt), CultureInfo.InvariantCulture));
            return clock.GetUtcNow() - shown >= options.Value.Forms.MinimumFillTime;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return false;
        }
    }

    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);
}
