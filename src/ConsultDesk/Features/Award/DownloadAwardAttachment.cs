using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Files;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// An entry's file for staff who oversee the award (managers and admins) and for the judges assigned to the entry who
/// declared no conflict. In blind judging a judge gets it as <c>attachment-{n}.pdf</c>, never under the entrant's name.
/// Anyone else: 403 (consultants, judges not cleared for the entry).
/// </summary>
public static class DownloadAwardAttachment
{
    public sealed record Query(Guid AttachmentId) : IQuery<AttachmentDownload>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => [Roles.Manager, Roles.Admin, Roles.Judge];
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user) : IQueryHandler<Query, AttachmentDownload>
    {
        public async ValueTask<AttachmentDownload> Handle(Query query, CancellationToken cancellationToken)
        {
            var attachment = await db.AwardAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AttachmentId, cancellationToken)
                ?? throw new NotFoundException("Award attachment");
            if (Roles.Supervisors.Any(user.IsInRole)) return new AttachmentDownload(attachment.FileName, attachment.ContentType, attachment.Sha256);

            var judgeId = user.RequiredId();
            var assignment = await db.AwardAssignments.AsNoTracking()
                .SingleOrDefaultAsync(a => a.EntryId == attachment.EntryId && a.JudgeId == judgeId, cancellationToken);
            if (assignment is null || !assignment.CanSeeEntry) throw new ForbiddenException("Not cleared for this entry.");
            var mode = await db.AwardRounds.AsNoTracking().Where(r => r.Id == assignment.RoundId).Select(r => r.Mode).SingleAsync(cancellationToken);
            var name = mode == JudgingMode.Blind
                ? attachment.BlindFileName(FileTypes.ByContentType(attachment.ContentType)?.Extensions[0] ?? "")
                : attachment.FileName;
            return new AttachmentDownload(name, attachment.ContentType, attachment.Sha256);
        }
    }

    /// <summary>The API route (/api/v1/award/attachments/{id}).</summary>
    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/attachments/{id:guid}", Serve)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithName(nameof(DownloadAwardAttachment)).WithSummary("Download an award entry's attachment (staff, assigned judges)").WithTags("Award");

    /// <summary>The desk's route (/desk/award/attachments/{id}), the same handler behind the staff sign-in.</summary>
    public static void MapDeskEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/desk/award/attachments/{id:guid}", Serve).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> Serve(Guid id, HttpContext http, ISender sender, AttachmentStore store, CancellationToken ct) =>
        AttachmentFiles.Serve(http, store, await sender.Send(new Query(id), ct));
}

/// <summary>The entrant downloads a file of their own entry (/sengen/manage/{token}/award/attachments/{id}).</summary>
public static class DownloadOwnAwardAttachment
{
    public sealed record Query(string? Token, Guid AttachmentId) : IQuery<AttachmentDownload>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, DeclarationLinks links, TimeProvider clock) : IQueryHandler<Query, AttachmentDownload>
    {
        public async ValueTask<AttachmentDownload> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var declaration = await links.FindAsync(query.Token, now, cancellationToken) ?? throw new NotFoundException("Declaration link");
            var row = await db.AwardAttachments.AsNoTracking()
                .Where(a => a.Id == query.AttachmentId && db.AwardEntries.Any(e => e.Id == a.EntryId && e.DeclarationId == declaration.Id))
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Award attachment");
            return new AttachmentDownload(row.FileName, row.ContentType, row.Sha256);
        }
    }

    public static void MapPageEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/sengen/manage/{token}/award/attachments/{id:guid}", async (string token, Guid id, HttpContext http, ISender sender, AttachmentStore store,
                CancellationToken ct) => AttachmentFiles.Serve(http, store, await sender.Send(new Query(token, id), ct)))
            .AllowAnonymous().ExcludeFromDescription();
}
