using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Files;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Attachments;

/// <summary>
/// Staff download a file of a case: every staff member who may open the case (as <c>GetCase</c>) may download its
/// files, from any entry. A file the scanner has not cleared (when one is configured) or found infected is not served.
/// </summary>
public static class DownloadAttachment
{
    public sealed record Query(string Reference, Guid AttachmentId) : IQuery<AttachmentDownload>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, IVirusScanner scanner) : IQueryHandler<Query, AttachmentDownload>
    {
        public async ValueTask<AttachmentDownload> Handle(Query query, CancellationToken cancellationToken)
        {
            var caseId = await db.Cases.AsNoTracking().Where(c => c.Reference == query.Reference).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Case");
            return await AttachmentFiles.FindAsync(db, scanner, caseId, query.AttachmentId, messagesOnly: false, cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{reference}/attachments/{id:guid}", async (string reference, Guid id, HttpContext http, ISender sender, AttachmentStore store,
                CancellationToken ct) => AttachmentFiles.Serve(http, store, await sender.Send(new Query(reference, id), ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithName(nameof(DownloadAttachment)).WithSummary("Download a file attached to a case's message").WithTags("Cases");
}
