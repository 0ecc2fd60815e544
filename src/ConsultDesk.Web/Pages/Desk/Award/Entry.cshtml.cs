using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultDesk.Common;
using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Award;

/// <summary>One entry for managers and admins: everything it holds, its attachments, the judges assigned and its full timeline.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class EntryModel(ISender sender) : AwardDeskPage
{
    public GetAwardEntry.Model Entry { get; private set; } = null!;
    public GetAwardEntryTimeline.Response Timeline { get; private set; } = new([]);

    public async Task<IActionResult> OnGetAsync(Guid entryId, CancellationToken ct)
    {
        try
        {
            Entry = await sender.Send(new GetAwardEntry.Query(entryId), ct);
            Timeline = await sender.Send(new GetAwardEntryTimeline.Query(entryId), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public static string EventName(string type) =>
        Texts.ResourceManager.GetString("AwardAdmin_Event_" + type, System.Globalization.CultureInfo.CurrentUICulture) ?? type;

    /// <summary>What an event recorded, as short <c>key: value</c> pairs (ids left out).</summary>
    public static string Details(JsonObject content) =>
        string.Join(" · ", content.Where(p => p.Value is not null && !p.Key.EndsWith("Id", StringComparison.Ordinal) && p.Key != "id")
            .Select(p => $"{p.Key}: {(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))}"));

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) + " KB";
}
