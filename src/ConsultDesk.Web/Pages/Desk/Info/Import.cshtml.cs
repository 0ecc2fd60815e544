using ConsultDesk.Features.Info;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>The policy list's CSV export link and import form; a refused import lists each row and column, and imports nothing.</summary>
[Authorize(Roles = EditorRoles)]
public sealed class ImportModel(ISender sender) : InfoDeskPage
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public ImportPolicies.Response? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = Texts.InfoEdit_ImportNoFile;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        byte[] content;
        try
        {
            await using var stream = Upload.OpenReadStream();
            content = await ImportPolicies.ReadBoundedAsync(stream, PolicyCsv.MaxBytes, ct);
        }
        catch (ConsultDesk.Common.RequestRejectedException ex)
        {
            Error = ex.Message;
            Response.StatusCode = ex.StatusCode;
            return Page();
        }
        Result = await sender.Send(new ImportPolicies.Command(content), ct);
        if (Result.Succeeded)
        {
            Flash = string.Format(Texts.InfoEdit_ImportDone, Result.Created, Result.Changed, Result.Unchanged);
            return Redirect("/desk/info/import");
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
