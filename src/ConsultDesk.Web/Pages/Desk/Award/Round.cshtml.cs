using ConsultDesk.Common;
using ConsultDesk.Domain.Award;
using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Award;

/// <summary>
/// One round: its settings editor (admins, until the entry window opens; a read-only view after it and for
/// managers), the entries per category and status, and the links to entries, judging, results and the CSV exports.
/// Rows are added and removed by submit buttons (no JavaScript): what was typed is kept.
/// </summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class RoundModel(ISender sender) : AwardDeskPage
{
    public GetAwardRound.Model Round { get; private set; } = null!;

    [BindProperty] public RoundForm Form { get; set; } = new();

    public bool CanEdit => IsAdmin && !Round.Round.Locked;

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken ct)
    {
        if (!await LoadAsync(roundId, ct)) return NotFound();
        Form = RoundForm.Of(Round.Round);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid roundId, string? command, CancellationToken ct)
    {
        if (!await LoadAsync(roundId, ct)) return NotFound();
        Form.Year = Round.Round.Year;
        switch (command)
        {
            case "add-category" when Form.Categories.Count < AwardRoundInputValidator.MaxRows:
                Form.Categories.Add(new());
                return Page();
            case "add-criterion" when Form.Criteria.Count < AwardRoundInputValidator.MaxRows:
                Form.Criteria.Add(new() { Weight = "1" });
                return Page();
            case { } c when c.StartsWith("remove-category:", StringComparison.Ordinal):
                if (int.TryParse(c["remove-category:".Length..], out var category) && category >= 0 && category < Form.Categories.Count) Form.Categories.RemoveAt(category);
                return Page();
            case { } c when c.StartsWith("remove-criterion:", StringComparison.Ordinal):
                if (int.TryParse(c["remove-criterion:".Length..], out var criterion) && criterion >= 0 && criterion < Form.Criteria.Count) Form.Criteria.RemoveAt(criterion);
                return Page();
            case "save":
                if (await TryAwardAsync(async () =>
                        await sender.Send(new UpdateAwardRound.Command(roundId, Form.ToInput(withRows: true)) { ExpectedVersion = Form.Version }, ct)))
                {
                    Flash = Texts.AwardAdmin_Saved;
                    return Redirect($"/desk/award/{roundId}");
                }
                if (Response.StatusCode == StatusCodes.Status409Conflict) await LoadAsync(roundId, ct);
                return Page();
            default:
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid roundId, CancellationToken ct)
    {
        try
        {
            Round = await sender.Send(new GetAwardRound.Query(roundId), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>Entries of a category in a status (0 when none).</summary>
    public int Count(Guid categoryId, AwardEntryStatus? status) =>
        Round.Overview.Where(c => c.CategoryId == categoryId && (status is null || c.Status == status)).Sum(c => c.Count);

    public int Shortlisted(Guid categoryId) => Round.Overview.Where(c => c.CategoryId == categoryId).Sum(c => c.Shortlisted);
}
