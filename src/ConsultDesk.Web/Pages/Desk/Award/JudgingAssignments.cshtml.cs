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
/// A round's judging assignments (admins): per category the submitted entries with their judges and COI status,
/// assignment by hand (entryId × judgeId), the even spread (categoryId, judgeIds, judgesPerEntry) and removal.
/// </summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class JudgingAssignmentsModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public Guid RoundId { get; set; }

    public ListAwardAssignments.Response Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(Guid? entryId, Guid? judgeId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await sender.Send(new AssignAwardJudge.Command(RoundId, entryId, judgeId), cancellationToken);
            return Texts.AwardJudging_AssignedFlash;
        }, cancellationToken);

    public Task<IActionResult> OnPostSpreadAsync(Guid? categoryId, Guid[]? judgeIds, int? judgesPerEntry, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var result = await sender.Send(new SpreadAwardAssignments.Command(RoundId, categoryId, judgeIds ?? [], judgesPerEntry), cancellationToken);
            var message = string.Format(Texts.AwardJudging_SpreadFlash, result.Created.Count);
            return result.Unfilled.Count == 0 ? message : message + " " + string.Format(Texts.AwardJudging_SpreadUnfilled, result.Unfilled.Count);
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(Guid assignmentId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await sender.Send(new RemoveAwardAssignment.Command(assignmentId), cancellationToken);
            return Texts.AwardJudging_RemovedFlash;
        }, cancellationToken);

    private async Task<IActionResult> RunAsync(Func<Task<string>> action, CancellationToken cancellationToken)
    {
        string? flash = null;
        var missing = false;
        try
        {
            if (await TryAsync(async () => flash = await action()))
            {
                Flash = flash;
                return Redirect($"/desk/award/{RoundId}/judging");
            }
        }
        catch (AwardRuleException ex)
        {
            Error = AwardRules.Message(ex.Rule);
        }
        catch (NotFoundException)
        {
            missing = true;
        }
        if (missing || !await LoadAsync(cancellationToken)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Data = await sender.Send(new ListAwardAssignments.Query(RoundId), cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
