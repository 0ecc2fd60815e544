using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.CannedReplies;

/// <summary>Who sees and changes which canned reply: everyone sees the shared ones and their own; admins change the shared ones, authors their own.</summary>
public static class CannedReplyAccess
{
    public static IQueryable<CannedReply> Visible(ConsultDeskDbContext db, Guid userId) =>
        db.CannedReplies.Where(c => c.OwnerId == null || c.OwnerId == userId);

    public static bool CanChange(CannedReply reply, ICurrentUser user) =>
        reply.OwnerId is { } owner ? owner == user.Id : user.IsInRole(Roles.Admin);

    /// <summary>Loads one the user may change; another user's personal text is not even found.</summary>
    public static async Task<CannedReply> LoadForChangeAsync(ConsultDeskDbContext db, Guid id, ICurrentUser user, CancellationToken cancellationToken)
    {
        var reply = await Visible(db, user.RequiredId()).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("CannedReply");
        if (!CanChange(reply, user)) throw new ForbiddenException(Texts.CannedOwnerOnly);
        return reply;
    }
}
