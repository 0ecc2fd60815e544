using System.Text.Json.Nodes;
using ConsultDesk.Features.Attachments;

namespace ConsultDesk.Web.Pages.Shared;

/// <summary>
/// What <c>_Attachments.cshtml</c> renders for one timeline entry or message: its files with a download link each
/// (or a note when the scanner withholds one) and, for staff, the files of a mail that were not kept.
/// </summary>
/// <param name="HrefPrefix">The download path before the attachment id (the staff API or the portal's token route).</param>
public sealed record AttachmentList(IReadOnlyList<AttachmentModel> Items, string HrefPrefix, IReadOnlyList<(string FileName, string Reason)> Refused)
{
    public bool IsEmpty => Items.Count == 0 && Refused.Count == 0;

    public string Href(AttachmentModel item) => HrefPrefix + item.Id;

    /// <summary>The files of one timeline entry of the case page (its JSON carries <c>id</c> and any <c>refusedAttachments</c>).</summary>
    public static AttachmentList ForEntry(IReadOnlyList<AttachmentModel> all, JsonObject entry, string reference)
    {
        var id = entry["id"] is JsonValue value && value.TryGetValue<Guid>(out var guid) ? guid : (Guid?)null;
        var refused = entry["refusedAttachments"] is JsonArray list
            ? list.OfType<JsonObject>().Select(r => ((string?)r["fileName"] ?? "", (string?)r["reason"] ?? "")).ToList()
            : [];
        return new AttachmentList(id is null ? [] : all.Where(a => a.TimelineEntryId == id).ToList(),
            $"/api/v1/cases/{Uri.EscapeDataString(reference)}/attachments/", refused);
    }

    /// <summary>The file input's <c>accept</c>: a hint for the browser's picker only; the server decides from the content.</summary>
    public const string Accept = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp";

    /// <summary>The types and limits, under the file input.</summary>
    public static string Hint(ConsultDesk.Common.AttachmentsOptions limits) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, ConsultDesk.Resources.Texts.AttachmentHint,
            AttachmentIntake.Bytes(limits.MaxFileBytes), AttachmentIntake.Bytes(limits.MaxMessageBytes), limits.MaxFilesPerMessage);

    /// <summary>The files of one message in the inquirer's portal.</summary>
    public static AttachmentList ForPortal(IReadOnlyList<AttachmentModel> items, string token) =>
        new(items, $"/portal/{Uri.EscapeDataString(token)}/attachments/", []);
}
