using ConsultDesk.Common;
using ConsultDesk.Domain.Award;
using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Desk.Award;

/// <summary>
/// A round's ranking per category once judging has closed (admins and managers), the shortlist, each category's
/// decision with its 審査講評 and the decision history; admins decide, reopen and shortlist here. While judging is
/// open the page says so (409) and shows no total.
/// </summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class ResultsModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public Guid RoundId { get; set; }
    /// <summary>Only the shortlisted entries (?shortlist=1).</summary>
    [BindProperty(SupportsGet = true, Name = "shortlist")] public bool ShortlistOnly { get; set; }

    public GetAwardRanking.Model? Ranking { get; private set; }
    public IReadOnlyList<ListAwardDecisions.Decision> Decisions { get; private set; } = [];
    /// <summary>Judging is still open: the page shows only that.</summary>
    public bool JudgingOpen { get; private set; }
    /// <summary>What a refused decide or reopen form held, by category id, so nothing typed is lost.</summary>
    public Guid? FailedCategoryId { get; private set; }
    public string? TypedReview { get; private set; }
    public IReadOnlyList<Guid> TypedWinners { get; private set; } = [];
    public string? TypedReason { get; private set; }

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
    public bool IsAdmin => User.IsInRole(ConsultDesk.Domain.Users.Roles.Admin);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Ranking = await sender.Send(new GetAwardRanking.Query(RoundId), cancellationToken);
            Decisions = await sender.Send(new ListAwardDecisions.Query(RoundId), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AwardRuleException ex) when (ex.Rule == AwardRule.JudgingStillOpen)
        {
            Error = AwardRules.Message(ex.Rule);
            JudgingOpen = true;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }

    public Task<IActionResult> OnPostShortlistAsync(Guid entryId, bool shortlisted, CancellationToken ct) =>
        Act(() => sender.Send(new ShortlistAwardEntry.Command(entryId, shortlisted), ct).AsTask(), Texts.AwardResult_ShortlistSaved, ct);

    public Task<IActionResult> OnPostDecideAsync(Guid categoryId, Guid[]? winners, string? review, CancellationToken ct)
    {
        (FailedCategoryId, TypedWinners, TypedReview) = (categoryId, winners ?? [], review);
        return Act(() => sender.Send(new DecideAwardCategory.Command(RoundId, categoryId, null, winners ?? [], review), ct).AsTask(), Texts.AwardResult_DecidedFlash, ct);
    }

    public Task<IActionResult> OnPostReopenAsync(Guid categoryId, Guid decisionId, string? reason, CancellationToken ct)
    {
        (FailedCategoryId, TypedReason) = (categoryId, reason);
        return Act(() => sender.Send(new ReopenAwardDecision.Command(decisionId, reason), ct).AsTask(), Texts.AwardResult_ReopenedFlash, ct);
    }

    /// <summary>Post/redirect/get on success; a refusal (a rule, a missing field) shows the page again with the message and what was typed.</summary>
    private async Task<IActionResult> Act(Func<Task> work, string done, CancellationToken ct)
    {
        var ok = await TryAsync(async () =>
        {
            try
            {
                await work();
            }
            catch (AwardRuleException ex)
            {
                throw new ConflictException(AwardRules.Message(ex.Rule));
            }
            catch (NotFoundException)
            {
                throw new ConflictException(Texts.ProblemNotFound);
            }
        });
        if (ok)
        {
            Flash = done;
            return RedirectToPage(new { roundId = RoundId, shortlist = ShortlistOnly ? "true" : null });
        }
        var error = Error;
        var page = await OnGetAsync(ct);
        Error = error;
        if (page is PageResult) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    public static string Jst(DateTime utc) => ConsultDesk.Domain.Calendar.JapanTime.Format(utc);

    public static string Score(decimal? value) => value is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
