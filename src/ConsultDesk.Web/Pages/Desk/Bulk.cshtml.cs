using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>
/// A bulk action from the queue in two steps that work without JavaScript: the queue posts the selection here and this
/// page lists the cases with their current versions; confirming runs the action, where a case someone changed in
/// between is skipped rather than overwritten, and the page then shows what was done and what was skipped and why.
/// </summary>
public sealed class BulkModel(ISender sender) : DeskPage
{
    /// <summary><c>assign</c> or <c>spam</c>.</summary>
    [BindProperty] public string? Operation { get; set; }
    [BindProperty] public string[] References { get; set; } = [];
    [BindProperty] public bool AllOnPage { get; set; }
    [BindProperty] public string[] PageReferences { get; set; } = [];
    [BindProperty] public Guid? AssigneeId { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? ReturnUrl { get; set; }
    /// <summary>The confirmed cases as <c>reference@version</c>.</summary>
    [BindProperty] public string[] Targets { get; set; } = [];

    public IReadOnlyList<ListSelectedCases.Item> Selected { get; private set; } = [];
    public string? AssigneeName { get; private set; }
    public BulkCaseAction.Result? Result { get; private set; }

    public string BackUrl => ReturnUrl is { } url && url.StartsWith("/desk", StringComparison.Ordinal) && Url.IsLocalUrl(url) ? url : "/desk";

    public IActionResult OnGet() => Redirect("/desk");

    /// <summary>Step one: the selection from the queue, listed for confirmation.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Operation is not ("assign" or "spam")) return Redirect(BackUrl);
        var references = (AllOnPage ? PageReferences : References).Distinct().ToList();
        if (references.Count == 0)
        {
            Error = Texts.BulkNothingSelected;
            return Page();
        }
        if (references.Count > BulkCaseAction.MaxCases)
        {
            Error = string.Format(Texts.BulkTooMany, BulkCaseAction.MaxCases);
            return Page();
        }
        Selected = await sender.Send(new ListSelectedCases.Query(references), cancellationToken);
        if (Operation == "assign")
        {
            var people = await sender.Send(new ListAssignees.Query(), cancellationToken);
            AssigneeName = people.FirstOrDefault(p => p.Id == AssigneeId)?.DisplayName;
            if (AssigneeName is null)
            {
                Error = Texts.AssigneeUnknown;
                Selected = [];
            }
        }
        return Page();
    }

    /// <summary>Step two: the confirmed cases, each at the version the user saw.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var targets = Targets.Select(t => t.Split('@', 2)).Select(p => new BulkCaseAction.Target(p[0],
            p.Length == 2 && int.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null)).ToList();
        await TryAsync(async () => Result = Operation == "assign"
            ? await sender.Send(new BulkAssign.Command(targets, AssigneeId), cancellationToken)
            : await sender.Send(new BulkCloseAsSpam.Command(targets, Comment), cancellationToken));
        return Page();
    }
}
