using ConsultDesk.Features.Templates;
using Mediator;
using Microsoft.AspNetCore.Authorization;

namespace ConsultDesk.Web.Pages.Desk.Admin;

/// <summary>Every mail template in Japanese and English, with which ones an admin has changed.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class TemplatesModel(ISender sender) : DeskPage
{
    public IReadOnlyList<ListMailTemplates.Item> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = (await sender.Send(new ListMailTemplates.Query(), ct)).Items;

    public static string Jst(DateTime utc) => CaseModel.Jst(utc);
}
