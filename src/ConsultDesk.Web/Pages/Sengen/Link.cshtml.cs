using ConsultDesk.Common.Http;
using ConsultDesk.Features.Declarations;
using ConsultDesk.Web.Pages.Shared;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Sengen;

/// <summary>Asks for a fresh declarant link by the contact address. The answer is the same whether anything matched.</summary>
[PublicForm(RateLimitPolicies.PortalLink)]
public sealed class LinkModel(ISender sender) : PublicFormModel
{
    public string? Email { get; private set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken cancellationToken)
    {
        Email = email;
        try
        {
            await sender.Send(new RequestDeclarationLink.Command(email), cancellationToken);
            Sent = true;
        }
        catch (ValidationException ex)
        {
            AddFieldErrors(ex);
            return Redisplay(statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        return Page();
    }
}
