using ConsultDesk.Common;
using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Award;

/// <summary>A round's entries (the same query as GET /api/v1/award/rounds/{id}/entries) with a GET filter form and keyset pages.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class EntriesModel(ISender sender) : AwardDeskPage
{
    public GetAwardRound.Model Round { get; private set; } = null!;
    public ListAwardEntries.Query Query { get; private set; } = new(Guid.Empty);
    public ListAwardEntries.Response Result { get; private set; } = new([], null, 0);

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken ct)
    {
        try
        {
            Round = await sender.Send(new GetAwardRound.Query(roundId), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Query = new ListAwardEntries.Query(roundId);
        try
        {
            Query = ListAwardEntries.Parse(roundId, Request.Query);
        }
        catch (ValidationException ex)
        {
            Error = Texts.FormErrorSummary + " " + string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct());
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await TryAwardAsync(async () => Result = await sender.Send(Query, ct));
        return Page();
    }

    public string PageUrl(string? cursor)
    {
        var parameters = ListAwardEntries.FilterParameters(Query);
        if (cursor is not null) parameters.Add(new("cursor", cursor));
        return $"/desk/award/{Round.Round.Id}/entries" + QueryString.Create(parameters);
    }
}
