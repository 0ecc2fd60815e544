using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.CannedReplies;

/// <summary>
/// A canned reply's text for one case, its variables filled in. The variables are Japanese words in double braces
/// (the mail templates' Liquid does not take Japanese names), replaced as plain text, so a value can never run as code:
/// {{氏名}} the contact, {{団体名}} the organisation, {{受付番号}} the reference, {{件名}} the subject, {{担当者}} the sender.
/// </summary>
public static class ExpandCannedReply
{
    public static readonly IReadOnlyList<string> Variables = ["{{氏名}}", "{{団体名}}", "{{受付番号}}", "{{件名}}", "{{担当者}}"];

    public sealed record Query(string Reference, Guid Id) : IQuery<string>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = user.RequiredId();
            var body = await CannedReplyAccess.Visible(db, me).AsNoTracking().Where(c => c.Id == query.Id).Select(c => c.Body).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("CannedReply");
            var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == query.Reference, cancellationToken)
                ?? throw new NotFoundException("Case");
            var staff = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            return Expand(body, InquirerMail.ContactName(@case), @case.OrganizationName ?? "", @case.Reference, @case.Subject, staff);
        }
    }

    public static string Expand(string body, string contactName, string organization, string reference, string subject, string staff) =>
        body.Replace("{{氏名}}", contactName, StringComparison.Ordinal)
            .Replace("{{団体名}}", organization, StringComparison.Ordinal)
            .Replace("{{受付番号}}", reference, StringComparison.Ordinal)
            .Replace("{{件名}}", subject, StringComparison.Ordinal)
            .Replace("{{担当者}}", staff, StringComparison.Ordinal);
}
