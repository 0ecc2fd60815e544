using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Features.Declarations;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Admin;

/// <summary>
/// The Action宣言 form's commitment items and agreements: every row editable in place, and a form that adds one.
/// The role is checked again by each use case (admins only).
/// </summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class DeclarationItemsModel(ISender sender) : DeskPage
{
    public ListDeclarationItems.Response Items { get; private set; } = new([], []);

    /// <summary>The row whose refused form is shown again ("new" for the add form), with what was typed.</summary>
    public string? EditingCode { get; private set; }
    public ItemForm? Typed { get; private set; }

    public sealed record ItemForm(DeclarationItemKind? Kind, string? Code, string? LabelJa, string? LabelEn, string? DescriptionJa,
        string? DescriptionEn, bool IsSample, int? SortOrder, bool Active)
    {
        public DeclarationItemInput ToInput(bool withIdentity) => new(withIdentity ? Kind : null, withIdentity ? Code : null, LabelJa, LabelEn,
            DescriptionJa, DescriptionEn, IsSample, SortOrder, Active);
    }

    public async Task OnGetAsync(CancellationToken ct) => Items = await sender.Send(new ListDeclarationItems.Query(All: true), ct);

    public Task<IActionResult> OnPostSaveAsync(string code, long? version, string? labelJa, string? labelEn, string? descriptionJa, string? descriptionEn,
        bool isSample, int? sortOrder, bool active, CancellationToken ct)
    {
        var typed = new ItemForm(null, code, labelJa, labelEn, descriptionJa, descriptionEn, isSample, sortOrder, active);
        return Act(code, typed, async () =>
        {
            var saved = await sender.Send(new UpdateDeclarationItem.Command(code, typed.ToInput(withIdentity: false)) { ExpectedVersion = version }, ct);
            return string.Format(Texts.SengenItemsSaved, saved.Marker + saved.LabelJa);
        }, ct);
    }

    public Task<IActionResult> OnPostCreateAsync(string? kind, string? code, string? labelJa, string? labelEn, string? descriptionJa, string? descriptionEn,
        bool isSample, int? sortOrder, CancellationToken ct)
    {
        DeclarationItemKind? parsed = Wire.TryParse<DeclarationItemKind>(kind, out var k) ? k : null;
        var typed = new ItemForm(parsed, string.IsNullOrWhiteSpace(code) ? null : code.Trim(), labelJa, labelEn, descriptionJa, descriptionEn, isSample, sortOrder, true);
        return Act("new", typed, async () =>
        {
            var created = await sender.Send(new CreateDeclarationItem.Command(typed.ToInput(withIdentity: true)), ct);
            return string.Format(Texts.SengenItemsCreated, created.Marker + created.LabelJa);
        }, ct);
    }

    private async Task<IActionResult> Act(string editing, ItemForm typed, Func<Task<string>> action, CancellationToken ct)
    {
        string? done = null;
        var ok = false;
        try
        {
            ok = await TryAsync(async () => done = await action());
        }
        catch (NotFoundException)
        {
            Error = Texts.SengenItemsNotFound;
        }
        var stale = Error == Texts.CaseStale;
        if (stale) Error = Texts.SengenItemsStale;
        if (ok)
        {
            Flash = done;
            return RedirectToPage();
        }
        (EditingCode, Typed) = (editing, typed);
        await OnGetAsync(ct);
        Response.StatusCode = Error == Texts.SengenItemsNotFound ? StatusCodes.Status404NotFound
            : Error == Texts.ProblemForbidden ? StatusCodes.Status403Forbidden
            : stale ? StatusCodes.Status412PreconditionFailed
            : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>A field's error message, for the row being edited only.</summary>
    public string? ErrorFor(string editing, string field) => EditingCode == editing ? FieldErrors.GetValueOrDefault(field) : null;
}
