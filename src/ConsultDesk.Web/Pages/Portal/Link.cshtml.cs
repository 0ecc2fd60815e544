using ConsultDesk.Common.Http;
using ConsultDesk.Features.Portal;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ConsultDesk.Web.Pages.Portal;

/// <summary>Asks for a fresh portal link by address and reference. The answer is the same whether anything matched.</summary>
[EnableRateLimiting(RateLimitPolicies.PortalLink)]
public sealed class PortalLinkModel(ISender sender) : PageModel
{
    public string? Email { get; private set; }
    public string? Reference { get; private set; }
    public bool Sent { get; private set; }
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? reference, CancellationToken cancellationToken)
    {
        (Email, Reference) = (email, reference);
        try
        {
            await sender.Send(new RequestPortalLink.Command(email, reference), cancellationToken);
            Sent = true;
        }
        catch (ValidationException ex)
        {
            foreach (var failure in ex.Errors) FieldErrors.TryAdd(failure.PropertyName, failure.ErrorMessage);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);

    public static string Summary => Texts.FormErrorSummary;
}
