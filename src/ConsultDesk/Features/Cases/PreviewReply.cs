using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>The reply exactly as <see cref="SendReply"/> would send it (template, salutation, signature), without sending it.</summary>
public static class PreviewReply
{
    public sealed record Query(string Reference, string? Subject, string? Text) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Model(string To, string Subject, string Body);

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, CaseMail mail) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == query.Reference, cancellationToken)
                ?? throw new NotFoundException("Case");
            var text = ReplySalutation.WithoutLeadingSalutation(@case, (query.Text ?? "").Trim());
            var rendered = await mail.PreviewReplyAsync(@case, (query.Subject ?? "").Trim(), text, user.RequiredId(), cancellationToken);
            return new Model($"{@case.ContactName} <{@case.Email}>", rendered.Subject, rendered.TextBody);
        }
    }
}
