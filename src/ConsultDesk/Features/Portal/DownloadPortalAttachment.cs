using ConsultDesk.Data;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Files;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Portal;

/// <summary>
/// The inquirer downloads a file of a message on their own case, through their portal link
/// (<c>/portal/{token}/attachments/{id}</c>). Another case's file, a file of a staff-only entry, a bad token, or a file
/// the scanner has not cleared: one and the same 404 (counted by the portal guard like any bad token).
/// </summary>
public static class DownloadPortalAttachment
{
    public sealed record Query(string? Token, Guid AttachmentId) : IQuery<AttachmentDownload>, ConsultDesk.Common.IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, PortalLinks links, IVirusScanner scanner, TimeProvider clock) : IQueryHandler<Query, AttachmentDownload>
    {
        public async ValueTask<AttachmentDownload> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await PortalAccess.OpenAsync(links, query.Token, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return await AttachmentFiles.FindAsync(db, scanner, @case.Id, query.AttachmentId, messagesOnly: true, cancellationToken);
        }
    }

    public static string PathOf(string token, Guid attachmentId) => $"/portal/{Uri.EscapeDataString(token)}/attachments/{attachmentId}";

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/portal/{token}/attachments/{id:guid}", async (string token, Guid id, HttpContext http, ISender sender, AttachmentStore store,
                CancellationToken ct) => AttachmentFiles.Serve(http, store, await sender.Send(new Query(token, id), ct)))
            .AllowAnonymous().ExcludeFromDescription();
}
