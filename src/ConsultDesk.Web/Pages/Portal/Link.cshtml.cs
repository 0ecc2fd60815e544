using ConsultDesk.Common.Http;
using ConsultDesk.Features.Portal;
using ConsultDesk.Resources;
using ConsultDesk.Web.Pages.Shared;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Portal;

/// <summary>Asks for a fresh portal link by address and reference. The answer is the same whether anything matched.</summary>
[PublicForm(RateLimitPolicies.PortalLink)]
public sealed class PortalLinkModel(ISender sender) : PublicFormModel
{
    public string? Email { get; private set; }
    public string? Reference { get; private set; }
    public bool Sent { get; private set; }

    /// <summary>The thanks page links here with the new case's reference filled in (a reference alone opens nothing).</summary>
    public void OnGet(string? reference)
    {
        if (reference is { Length: <= 32 } && System.Text.RegularExpressions.Regex.IsMatch(reference, @"^CD-\d{4}-\d{6}$")) Reference = reference;
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
            AddFieldErrors(ex);
            return Redisplay(Summary, StatusCodes.Status422UnprocessableEntity);
        }
        return Page();
    }

    public static string Summary => Texts.FormErrorSummary;
}
