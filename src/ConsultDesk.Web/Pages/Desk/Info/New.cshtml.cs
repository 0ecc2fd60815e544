using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>A new draft of a kind (/desk/info/new?kind=policy): the kind's fields, a preview, and save as draft.</summary>
[Authorize(Roles = EditorRoles)]
public sealed class NewModel(ISender sender) : InfoDeskPage
{
    [BindProperty(SupportsGet = true, Name = "kind")] public string? KindSlugValue { get; set; }
    [BindProperty] public InfoForm Form { get; set; } = new();

    public InfoKind Kind { get; private set; }
    public InfoPreview? Preview { get; private set; }

    private bool ResolveKind()
    {
        if (!Wire.TryParse<InfoKind>(KindSlugValue, out var kind)) return false;
        Kind = kind;
        return true;
    }

    public IActionResult OnGet()
    {
        if (!ResolveKind()) return NotFound();
        Form = new InfoForm { Prefectures = Kind == InfoKind.Policy ? [InfoCodes.National] : [] };
        return Page();
    }

    public IActionResult OnPostPreview()
    {
        if (!ResolveKind()) return NotFound();
        Preview = InfoPreviews.Of(Form.ToInput().ToContent(Kind), English);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ResolveKind()) return NotFound();
        InfoItemModel? created = null;
        if (await TryInfoAsync(async () => created = await sender.Send(new CreateInfoItem.Command(Kind, Form.Slug?.Trim(), Form.ToInput()), ct)))
        {
            Flash = Texts.InfoEdit_Created;
            return Redirect($"/desk/info/{created!.Id}");
        }
        return Page();
    }
}

/// <summary>Renders content as readers see it (the Markdown body through <see cref="InfoMarkdown.ToHtml"/>).</summary>
public static class InfoPreviews
{
    public static InfoPreview Of(InfoContent content, bool english)
    {
        var title = english && !string.IsNullOrWhiteSpace(content.TitleEn) ? content.TitleEn : content.Title;
        var summary = english && !string.IsNullOrWhiteSpace(content.SummaryEn) ? content.SummaryEn : content.Summary;
        var body = english && !string.IsNullOrWhiteSpace(content.BodyEn) ? content.BodyEn : content.Body;
        return new InfoPreview(title, summary, InfoMarkdown.ToHtml(body));
    }
}
