using ConsultDesk.Common;
using ConsultDesk.Features.Templates;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Admin;

/// <summary>Edits one template: preview with sample values, save (checked, and refused over a newer version), reset to the default.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class TemplateModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Language { get; set; } = "";
    /// <summary>The version the form was rendered from, sent as the expected version (the page's If-Match).</summary>
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Source { get; set; }

    public GetMailTemplate.Model Template { get; private set; } = null!;
    public PreviewMailTemplate.Response? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Source = Template.Source;
        Version = Template.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!await TryAsync(async () => Preview = await sender.Send(new PreviewMailTemplate.Query(Name, Language, Source), ct)))
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        SaveMailTemplate.Response? saved = null;
        if (await TryAsync(() => Stale(async () => saved = await sender.Send(new SaveMailTemplate.Command(Name, Language, Source) { ExpectedVersion = Version }, ct))))
        {
            Flash = string.Join(" ", [Texts.TemplatesSaved, .. saved!.Warnings]);
            return RedirectToPage(new { name = Name, language = Language });
        }
        return await ShowAgainAsync(ct);
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        if (await TryAsync(() => Stale(() => sender.Send(new ResetMailTemplate.Command(Name, Language) { ExpectedVersion = Version }, ct).AsTask())))
        {
            Flash = Texts.TemplatesResetDone;
            return RedirectToPage(new { name = Name, language = Language });
        }
        return await ShowAgainAsync(ct);
    }

    /// <summary>A refused save shows the admin's text again with the reason, never an error page.</summary>
    private async Task<IActionResult> ShowAgainAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!TemplateAddress.TryResolve(Name, Language, out _, out _)) return false;
        Template = await sender.Send(new GetMailTemplate.Query(Name, Language), ct);
        return true;
    }

    /// <summary>The template, not a case, was changed meanwhile: say so in the template's words.</summary>
    private static async Task Stale(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is PreconditionFailedException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            throw new ConflictException(Texts.TemplatesStale);
        }
    }

    public string LanguageName => Template.Language == ConsultDesk.Domain.InquiryLanguage.En ? Texts.TemplatesLanguageEn : Texts.TemplatesLanguageJa;
}
