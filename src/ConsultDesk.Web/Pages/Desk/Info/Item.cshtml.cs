using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>
/// One item: its kind's fields with field errors, a preview without saving, publish now / schedule at a JST date-time /
/// unpublish, a case study's images with alt text, a guideline's editions, and links to its history, links and public page.
/// </summary>
[Authorize(Roles = EditorRoles)]
public sealed class ItemModel(ISender sender) : InfoDeskPage
{
    [BindProperty] public InfoForm Form { get; set; } = new();
    /// <summary>A JST date-time from datetime-local (yyyy-MM-ddTHH:mm).</summary>
    [BindProperty] public string? PublishAtLocal { get; set; }
    [BindProperty] public string? AltText { get; set; }
    [BindProperty] public IFormFile? Image { get; set; }

    public InfoItemModel Item { get; private set; } = null!;
    public InfoPreview? Preview { get; private set; }

    private async Task LoadAsync(Guid id, CancellationToken ct) => Item = await sender.Send(new GetInfoItem.Query(id), ct);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Form = InfoForm.Of(Item);
        PublishAtLocal = Item.PublishAt is { } at ? JapanTime.FromUtc(at).ToString("yyyy-MM-ddTHH:mm") : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        UpdateInfoItem.Response? response = null;
        if (await TryInfoAsync(async () => response = await sender.Send(new UpdateInfoItem.Command(id, Form.ToInput()) { ExpectedVersion = Form.Version }, ct)))
        {
            Flash = response!.ChangedFields.Count == 0 ? Texts.InfoEdit_NoChange
                : string.Format(Texts.InfoEdit_Saved, string.Join(English ? ", " : "、", response.ChangedFields.Select(Label)));
            return Redirect($"/desk/info/{id}");
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Preview = InfoPreviews.Of(Form.ToInput().ToContent(Item.Kind), English);
        return Page();
    }

    public Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken ct) => StatusAsync(id, ct, () =>
    {
        if (!DateTime.TryParseExact(PublishAtLocal, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local))
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("PublishAt", InfoRules.Required("PublishAt"))]);
        return new ScheduleInfoItem.Command(id, JapanTime.FromLocal(local)) { ExpectedVersion = Form.Version };
    }, Texts.InfoEdit_ScheduledFlash);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        StatusAsync(id, ct, () => new PublishInfoItem.Command(id) { ExpectedVersion = Form.Version }, Texts.InfoEdit_PublishedFlash);

    public Task<IActionResult> OnPostUnpublishAsync(Guid id, CancellationToken ct) =>
        StatusAsync(id, ct, () => new UnpublishInfoItem.Command(id) { ExpectedVersion = Form.Version }, Texts.InfoEdit_UnpublishedFlash);

    [BindProperty] public Guid ImageId { get; set; }

    public async Task<IActionResult> OnPostAddImageAsync(Guid id, CancellationToken ct)
    {
        var file = Image;
        if (await TryInfoAsync(async () =>
            {
                if (file is null || file.Length == 0)
                    throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Image", InfoRules.Required("Image"))]);
                await sender.Send(new AddInfoImage.Command(id, file.OpenReadStream, AltText), ct);
            }))
        {
            Flash = Texts.InfoEdit_ImageAdded;
            return Redirect($"/desk/info/{id}#info-images-heading");
        }
        await LoadAsync(id, ct);
        Form = InfoForm.Of(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostDescribeImageAsync(Guid id, CancellationToken ct)
    {
        if (await TryInfoAsync(() => sender.Send(new DescribeInfoImage.Command(id, ImageId, AltText), ct).AsTask()))
        {
            Flash = Texts.InfoEdit_ImageDescribed;
            return Redirect($"/desk/info/{id}#info-images-heading");
        }
        await LoadAsync(id, ct);
        Form = InfoForm.Of(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveImageAsync(Guid id, CancellationToken ct)
    {
        await sender.Send(new RemoveInfoImage.Command(id, ImageId), ct);
        Flash = Texts.InfoEdit_ImageRemoved;
        return Redirect($"/desk/info/{id}#info-images-heading");
    }

    private async Task<IActionResult> StatusAsync(Guid id, CancellationToken ct, Func<ICommand<InfoItemModel>> command, string flash)
    {
        if (await TryInfoAsync(async () => await sender.Send(command(), ct)))
        {
            Flash = flash;
            return Redirect($"/desk/info/{id}");
        }
        await LoadAsync(id, ct);
        Form = InfoForm.Of(Item);
        return Page();
    }
}
