using System.Text.Json.Nodes;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Portal;

/// <summary>
/// What the inquirer sees of their case through a portal link: where it stands, the messages exchanged with the desk
/// and the consultations ahead. Nothing internal (notes, staff names, internal mails, consultation records), and no
/// more personal data than the inquirer wrote themselves.
/// </summary>
public static class GetPortalCase
{
    public sealed record Query(string? Token) : IQuery<Model>, IPublicMessage;

    public sealed record Model(
        string Reference, CaseStatus Status, bool SurveyOpen, SurveyModel? Survey, bool OptedOut,
        IReadOnlyList<MessageModel> Messages, IReadOnlyList<ConsultationModel> UpcomingConsultations)
    {
        /// <summary>Introductions waiting for the company's answer: to whom, and exactly what would be shared.</summary>
        public IReadOnlyList<ConsentRequestModel> ConsentRequests { get; init; } = [];
    }

    public sealed record ConsentRequestModel(Guid ProposalId, string MunicipalityName, IReadOnlyList<string> SharedFields);

    public enum Author
    {
        /// <summary>The inquiry as first submitted.</summary>
        Inquiry,
        Inquirer,
        Desk,
    }

    public sealed record MessageModel(DateTime At, Author Author, string? Subject, string Body)
    {
        /// <summary>The files sent with the message (by the inquirer or the desk).</summary>
        public IReadOnlyList<Attachments.AttachmentModel> Attachments { get; init; } = [];
    }
    public sealed record ConsultationModel(DateTime StartsAt, int DurationMinutes, ConsultationChannel Channel);
    public sealed record SurveyModel(int Rating, bool? ProblemSolved, string? Comment, DateTime AnsweredAt);

    public sealed class Handler(ConsultDeskDbContext db, PortalLinks links, Files.IVirusScanner scanner, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var c = await PortalAccess.OpenAsync(links, query.Token, now, cancellationToken);

            // Only "message" entries, and of those only the two directions an inquirer is part of (an allow-list:
            // a new internal kind of entry must never show up here by accident).
            var entries = await db.Timeline.AsNoTracking()
                .Where(t => t.CaseId == c.Id && t.Type == "message")
                .OrderBy(t => t.At).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.At, t.Content })
                .ToListAsync(cancellationToken);
            var files = (await Attachments.AttachmentFiles.ListAsync(db, scanner, c.Id, messagesOnly: true, cancellationToken))
                .ToLookup(a => a.TimelineEntryId);
            // What is not on a message came with the inquiry itself (a mail that opened the case).
            var messageIds = entries.Select(e => e.Id).ToHashSet();
            List<MessageModel> messages = [new(c.SubmittedAt, Author.Inquiry, c.Subject, c.Message)
            {
                Attachments = files.Where(g => g.Key is not { } id || !messageIds.Contains(id)).SelectMany(g => g).ToList(),
            }];
            messages.AddRange(entries.Select(e => Message(e.At, e.Content) is { } m ? m with { Attachments = files[e.Id].ToList() } : null).OfType<MessageModel>());

            var consultations = await db.Consultations.AsNoTracking()
                .Where(x => x.CaseId == c.Id && x.StartsAt > now)
                .OrderBy(x => x.StartsAt)
                .Select(x => new ConsultationModel(x.StartsAt, x.DurationMinutes, x.Channel))
                .ToListAsync(cancellationToken);
            var survey = await db.SurveyResponses.AsNoTracking()
                .Where(s => s.CaseId == c.Id)
                .Select(s => new SurveyModel(s.Rating, s.ProblemSolved, s.Comment, s.AnsweredAt))
                .SingleOrDefaultAsync(cancellationToken);
            var optedOut = await db.MailOptOuts.AnyAsync(o => o.EmailNormalized == c.EmailNormalized, cancellationToken);

            var consentRequests = await (from p in db.MatchProposals.AsNoTracking()
                                         where p.CaseId == c.Id && p.Status == Domain.Matching.ProposalStatus.ConsentRequested
                                         orderby p.ConsentRequestedAt
                                         select new { p.Id, p.SharedFields, Name = db.MunicipalityProfiles.Where(m => m.Code == p.MunicipalityCode).Select(m => m.Name).FirstOrDefault() })
                .ToListAsync(cancellationToken);

            return new Model(c.Reference, c.Status, PortalAccess.SurveyOpen(c), survey, optedOut, messages, consultations)
            {
                ConsentRequests = consentRequests.Select(r => new ConsentRequestModel(r.Id, r.Name ?? "", r.SharedFields)).ToList(),
            };
        }

        private static MessageModel? Message(DateTime at, string content)
        {
            if (JsonNode.Parse(content) is not JsonObject entry) return null;
            var author = Text(entry, "direction") switch
            {
                "inbound" => Author.Inquirer,
                "outbound" => Author.Desk,
                _ => (Author?)null,
            };
            return author is { } who && Text(entry, "body") is { } body ? new MessageModel(at, who, Text(entry, "subject"), body) : null;
        }

        private static string? Text(JsonObject entry, string key) =>
            entry[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
