using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ConsultDesk.Features.Attachments;

/// <summary>An attachment as the case page and the portal list it.</summary>
public sealed record AttachmentModel(Guid Id, Guid? TimelineEntryId, string FileName, string ContentType, long Size, bool Available)
{
    /// <summary>PDF, Word, Excel, PowerPoint, PNG, …: what the timeline shows beside the name.</summary>
    public string Label => FileTypes.ByContentType(ContentType)?.Label ?? ContentType;
    public string SizeText => AttachmentIntake.Bytes(Size);
}

/// <summary>What a download serves: a stored file, under its cleaned name and sniffed type.</summary>
public sealed record AttachmentDownload(string FileName, string ContentType, string Sha256);

/// <summary>Reading attachments for the case page, the portal and downloads, with the one rule on what may be served.</summary>
public static class AttachmentFiles
{
    /// <summary>
    /// The attachments of a case, oldest first; <paramref name="messagesOnly"/> keeps those of the inquiry itself and of
    /// messages with the inquirer (the portal's view: never an internal mail's).
    /// </summary>
    public static async Task<IReadOnlyList<AttachmentModel>> ListAsync(ConsultDeskDbContext db, IVirusScanner scanner, Guid caseId, bool messagesOnly,
        CancellationToken cancellationToken)
    {
        var query = db.Attachments.AsNoTracking().Where(a => a.CaseId == caseId);
        if (messagesOnly) query = query.Where(a => db.Timeline.Any(t => t.Id == a.TimelineEntryId && (t.Type == "message" || t.Type == "submitted")));
        var rows = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.TimelineEntryId).ThenBy(a => a.Position).ToListAsync(cancellationToken);
        return rows.Select(a => new AttachmentModel(a.Id, a.TimelineEntryId, a.FileName, a.ContentType, a.Size, a.Servable(scanner.IsConfigured))).ToList();
    }

    /// <summary>One attachment of one case that may be served; not found otherwise (another case's, withheld by the scanner, or unknown).</summary>
    public static async Task<AttachmentDownload> FindAsync(ConsultDeskDbContext db, IVirusScanner scanner, Guid caseId, Guid attachmentId, bool messagesOnly,
        CancellationToken cancellationToken)
    {
        var query = db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId && a.CaseId == caseId);
        if (messagesOnly) query = query.Where(a => db.Timeline.Any(t => t.Id == a.TimelineEntryId && (t.Type == "message" || t.Type == "submitted")));
        var row = await query.SingleOrDefaultAsync(cancellationToken);
        if (row is null || !row.Servable(scanner.IsConfigured)) throw new NotFoundException("Attachment");
        return new AttachmentDownload(row.FileName, row.ContentType, row.Sha256);
    }

    /// <summary>
    /// Sends a stored file: as a download (<c>Content-Disposition: attachment</c> with an RFC 5987 <c>filename*</c>),
    /// with the type found in its content, never sniffed again by the browser, never cached.
    /// </summary>
    public static IResult Serve(HttpContext http, AttachmentStore store, AttachmentDownload download)
    {
        var content = store.Open(download.Sha256) ?? throw new NotFoundException("Attachment");
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(download.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(content, download.ContentType);
    }
}
