using ConsultDesk.Common;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Features.Declarations;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Desk.Declarations;

/// <summary>One declaration for review: its content with the [公開] marks, every version against the one before, the timeline, the linked cases and the review forms.</summary>
public sealed class DetailModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The version the page was rendered from, sent as the expected version (the page's If-Match).</summary>
    [BindProperty] public int? Version { get; set; }

    public GetDeclaration.Model Declaration { get; private set; } = null!;
    /// <summary>A refused action's reason as typed, so it is not lost.</summary>
    public string? Reason { get; private set; }
    public string? FailedAction { get; private set; }

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Item labels by kind and code (<see cref="DeclarationView.ItemKey"/>).</summary>
    public IReadOnlyDictionary<string, string> ItemLabels =>
        Declaration.Items.GroupBy(i => DeclarationView.ItemKey(i.Kind, i.Code))
            .ToDictionary(g => g.Key, g => English ? g.First().LabelEn : g.First().LabelJa, StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Declaration = await sender.Send(new GetDeclaration.Query(Id), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) =>
        Act("accept", null, () => sender.Send(new AcceptDeclaration.Command(Id) { ExpectedVersion = Version }, ct).AsTask(), Texts.DeclarationAcceptedDone, ct);

    public Task<IActionResult> OnPostReturnAsync(string? reason, CancellationToken ct) =>
        Act("return", reason, () => sender.Send(new ReturnDeclaration.Command(Id, reason) { ExpectedVersion = Version }, ct).AsTask(), Texts.DeclarationReturnedDone, ct);

    public Task<IActionResult> OnPostRejectAsync(string? reason, CancellationToken ct) =>
        Act("reject", reason, () => sender.Send(new RejectDeclaration.Command(Id, reason) { ExpectedVersion = Version }, ct).AsTask(), Texts.DeclarationRejectedDone, ct);

    public Task<IActionResult> OnPostWithdrawAsync(string? reason, CancellationToken ct) =>
        Act("withdraw", reason, () => sender.Send(new WithdrawDeclaration.Command(Id, reason) { ExpectedVersion = Version }, ct).AsTask(), Texts.DeclarationWithdrawnDone, ct);

    public Task<IActionResult> OnPostClearAttentionAsync(string? note, CancellationToken ct) =>
        Act("clear-attention", note, () => sender.Send(new ClearDeclarationAttention.Command(Id, note) { ExpectedVersion = Version }, ct).AsTask(), Texts.DeclarationAttentionClearedDone, ct);

    /// <summary>Post/redirect/get on success; a stale page, an illegal step or a missing reason shows the page again with the reason.</summary>
    private async Task<IActionResult> Act(string action, string? reason, Func<Task> work, string done, CancellationToken ct)
    {
        var ok = await TryAsync(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception ex) when (ex is PreconditionFailedException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                throw new ConflictException(Texts.DeclarationStale);
            }
            catch (DeclarationStateException ex)
            {
                throw new ConflictException(DeclarationAccess.Refusal(ex));
            }
        });
        if (ok)
        {
            Flash = done;
            return RedirectToPage(new { id = Id });
        }
        (FailedAction, Reason) = (action, reason);
        var page = await OnGetAsync(ct);
        if (page is PageResult) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    public static string Jst(DateTime utc) => ConsultDesk.Domain.Calendar.JapanTime.Format(utc);
}
