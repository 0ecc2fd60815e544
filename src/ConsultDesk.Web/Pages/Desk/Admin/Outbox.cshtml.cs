using ConsultDesk.Common.Queries;
using ConsultDesk.Features.Outbox;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Admin;

/// <summary>Mail that has not gone out: failed rows with a Retry button, and pending rows that have failed at least once.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class OutboxModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public string? FailedCursor { get; set; }
    [BindProperty(SupportsGet = true)] public string? RetryingCursor { get; set; }

    public ListOutbox.Response Failed { get; private set; } = new([], null);
    public ListOutbox.Response Retrying { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A cursor that no longer decodes (an old bookmark) starts from the first page rather than failing.
        Failed = await sender.Send(new ListOutbox.Query { Status = "failed", Cursor = Valid(FailedCursor) }, ct);
        Retrying = await sender.Send(new ListOutbox.Query { Status = "pending", MinAttempts = 1, Cursor = Valid(RetryingCursor) }, ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (await TryAsync(() => sender.Send(new RetryOutboxMail.Command(id), ct).AsTask()))
        {
            Flash = Texts.OutboxRetried;
            return RedirectToPage();
        }
        await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static string? Valid(string? cursor) => cursor is not null && KeysetCursor.TryDecode(cursor, out _, out Guid _) ? cursor : null;

    public static string Jst(DateTime utc) => CaseModel.Jst(utc);
}
