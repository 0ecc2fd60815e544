using System.Text.Json.Nodes;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>Everything about one case: the inquiry, where it stands, what this user may do next, and its history.</summary>
public static class GetCase
{
    public sealed record Query(string Reference) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Model(
        string Reference, CaseStatus Status, IntakeSource Source, InquirerType InquirerType,
        OrganizationModel? Organization, ContactModel Contact, string PrefectureCode, IReadOnlyList<string> Topics,
        ContactChannel PreferredChannel, IReadOnlyList<TimeSlot> PreferredSlots, InquiryLanguage Language,
        string Subject, string Message, DateTime SubmittedAt, DateTime UpdatedAt,
        PersonModel? Assignee, DateTime FirstResponseDueAt, DateTime ResolutionDueAt, DateTime? FirstRespondedAt,
        DueState DueState, IReadOnlyList<CaseStatus> AllowedTransitions, CloseReason? CloseReason, string? MergedInto,
        IReadOnlyList<JsonObject> Timeline, IReadOnlyList<ConsultationModel> Consultations, IReadOnlyList<TaskModel> Tasks)
    {
        public int Version { get; init; }
        /// <summary>The inquirer's address asked for no more reminders and surveys (essential mail still goes).</summary>
        public bool OptedOut { get; init; }
        public SurveyModel? Survey { get; init; }
        /// <summary>Follow-ups still ahead (reminders, survey, escalation), soonest first.</summary>
        public IReadOnlyList<FollowUpModel> ScheduledFollowUps { get; init; } = [];
        /// <summary>A company case's matching needs (null for other cases, or before any were recorded).</summary>
        public Matching.UpdateCompanyNeeds.NeedsModel? Needs { get; init; }
        public IReadOnlyList<Matching.MatchAccess.ProposalModel> Proposals { get; init; } = [];
        /// <summary>Every file on the case, each with the timeline entry (<c>id</c>) it came with.</summary>
        public IReadOnlyList<Attachments.AttachmentModel> Attachments { get; init; } = [];
        /// <summary>The postal address the inquiry gave (null when it gave none; the prefecture is <see cref="PrefectureCode"/>).</summary>
        public AddressModel? Address { get; init; }
        /// <summary>The Action宣言 of the same contact mailbox (confirmed ones, newest first, at most <see cref="DeclarationCap"/>).</summary>
        public IReadOnlyList<DeclarationLinkModel> Declarations { get; init; } = [];
    }

    public sealed record DeclarationLinkModel(Guid Id, int? Number, string? NumberText, Domain.Declarations.DeclarationStatus Status, string OrganizationName);

    public const int DeclarationCap = 5;

    public sealed record AddressModel(string? PostalCode, string? Municipality, string? Street, string? Building);

    public sealed record FollowUpModel(FollowUpRule Rule, DateTime DueAt);

    public sealed record SurveyModel(int Rating, bool? ProblemSolved, string? Comment, DateTime AnsweredAt);

    public sealed record OrganizationModel(string? Name, string? NameKana, string? Department, string? LocalGovernmentCode, string? Industry, int? Employees);
    public sealed record ContactModel(string FamilyName, string GivenName, string FamilyNameKana, string GivenNameKana, string Email, string? Phone, string? Title);
    public sealed record PersonModel(Guid Id, string DisplayName);
    public sealed record ConsultationModel(Guid Id, ConsultationChannel Channel, DateTime StartsAt, int DurationMinutes, string Attendees, string Summary, string NextSteps);
    public sealed record TaskModel(Guid Id, string Title, DateOnly? DueOn, IReadOnlyList<ChecklistItem> Checklist, DateTime? CompletedAt);

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser currentUser, ServiceLevel serviceLevel, TimeProvider clock,
        ConsultDesk.Files.IVirusScanner scanner)
        : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var c = await db.Cases.AsNoTracking().Include(x => x.Topics)
                .SingleOrDefaultAsync(x => x.Reference == query.Reference, cancellationToken) ?? throw new NotFoundException("Case");

            var assignee = c.AssigneeId is { } assigneeId
                ? await db.Users.AsNoTracking().Where(u => u.Id == assigneeId).Select(u => new PersonModel(u.Id, u.DisplayName)).SingleOrDefaultAsync(cancellationToken)
                : null;
            var mergedInto = c.MergedIntoId is { } mergedId
                ? await db.Cases.AsNoTracking().Where(x => x.Id == mergedId).Select(x => x.Reference).SingleOrDefaultAsync(cancellationToken)
                : null;

            // One query for the entries with their actors' names (no query per entry).
            var entries = await db.Timeline.AsNoTracking()
                .Where(t => t.CaseId == c.Id)
                .OrderBy(t => t.At).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.Type, t.At, t.ActorId, t.Content, ActorName = db.Users.Where(u => u.Id == t.ActorId).Select(u => u.DisplayName).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            var timeline = entries.Select(e =>
            {
                var entry = JsonNode.Parse(e.Content) as JsonObject ?? new JsonObject();
                entry["id"] = e.Id;
                entry["type"] = e.Type;
                entry["at"] = e.At;
                entry["actor"] = e.ActorId is { } id ? new JsonObject { ["id"] = id, ["displayName"] = e.ActorName } : null;
                return entry;
            }).ToList();
            // An assignment names the new assignee (one query for all of them), so the history reads 「担当者を 山田 に変更」.
            var assignedIds = timeline.Where(e => (string?)e["type"] == "assigned" && e["to"] is JsonValue)
                .Select(e => Guid.TryParse(TimelineWording.Text(e, "to"), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
            if (assignedIds.Count > 0)
            {
                var names = await db.Users.AsNoTracking().Where(u => assignedIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
                foreach (var e in timeline.Where(e => (string?)e["type"] == "assigned"))
                    if (Guid.TryParse(TimelineWording.Text(e, "to"), out var id) && names.TryGetValue(id, out var name)) e["toName"] = name;
            }

            var consultations = await db.Consultations.AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.StartsAt)
                .Select(x => new ConsultationModel(x.Id, x.Channel, x.StartsAt, x.DurationMinutes, x.Attendees, x.Summary, x.NextSteps))
                .ToListAsync(cancellationToken);
            var tasks = await db.SupportTasks.AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.CreatedAt)
                .Select(x => new TaskModel(x.Id, x.Title, x.DueOn, x.Checklist, x.CompletedAt))
                .ToListAsync(cancellationToken);
            var optedOut = await db.MailOptOuts.AnyAsync(o => o.EmailNormalized == c.EmailNormalized, cancellationToken);
            var survey = await db.SurveyResponses.AsNoTracking().Where(x => x.CaseId == c.Id)
                .Select(x => new SurveyModel(x.Rating, x.ProblemSolved, x.Comment, x.AnsweredAt))
                .SingleOrDefaultAsync(cancellationToken);

            var followUps = await db.FollowUps.AsNoTracking().Where(f => f.CaseId == c.Id && f.State == FollowUpState.Scheduled)
                .OrderBy(f => f.DueAt).Select(f => new FollowUpModel(f.Rule, f.DueAt)).ToListAsync(cancellationToken);

            var needs = await db.CompanyNeeds.AsNoTracking().SingleOrDefaultAsync(n => n.CaseId == c.Id, cancellationToken);
            var proposals = await Matching.MatchAccess.ListAsync(db, c.Id, cancellationToken);
            var attachments = await Attachments.AttachmentFiles.ListAsync(db, scanner, c.Id, messagesOnly: false, cancellationToken);

            // Cases carry no 法人番号: the link is the contact mailbox, through the declarations' EmailKey index.
            var declarations = (await db.Declarations.AsNoTracking().Where(d => d.EmailKey == c.EmailKey && d.SubmittedAt != null)
                    .OrderByDescending(d => d.CreatedAt).Take(DeclarationCap)
                    .Select(d => new { d.Id, d.Number, d.Status, d.OrganizationName }).ToListAsync(cancellationToken))
                .Select(d => new DeclarationLinkModel(d.Id, d.Number, d.Number is { } n ? Domain.Declarations.Declaration.FormatNumber(n) : null, d.Status, d.OrganizationName))
                .ToList();

            return new Model(
                c.Reference, c.Status, c.Source, c.InquirerType,
                c.OrganizationName is null && c.Department is null ? null
                    : new OrganizationModel(c.OrganizationName, c.OrganizationNameKana, c.Department, c.LocalGovernmentCode, c.Industry, c.Employees),
                new ContactModel(c.FamilyName, c.GivenName, c.FamilyNameKana, c.GivenNameKana, c.Email, c.Phone, c.Title),
                c.PrefectureCode, c.Topics.Select(t => t.Topic).ToList(), c.PreferredChannel, c.PreferredSlots, c.Language,
                c.Subject, c.Message, c.SubmittedAt, c.UpdatedAt, assignee,
                c.FirstResponseDueAt, c.ResolutionDueAt, c.FirstRespondedAt, serviceLevel.StateOf(c, now),
                CaseAccess.CanWork(c, currentUser) ? c.NextStatuses(now) : [],
                c.CloseReason, mergedInto, timeline, consultations, tasks)
            {
                Version = c.Version, OptedOut = optedOut, Survey = survey, ScheduledFollowUps = followUps,
                Needs = needs is null ? null : Matching.UpdateCompanyNeeds.NeedsModel.Of(needs), Proposals = proposals,
                Attachments = attachments,
                Declarations = declarations,
                Address = c.PostalCode is null && c.AddressMunicipality is null && c.AddressStreet is null && c.AddressBuilding is null ? null
                    : new AddressModel(c.PostalCode, c.AddressMunicipality, c.AddressStreet, c.AddressBuilding),
            };
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{reference}", async (string reference, HttpResponse response, ISender sender, CancellationToken cancellationToken) =>
            {
                var model = await sender.Send(new Query(reference), cancellationToken);
                CaseAccess.SetETag(response, model.Version);
                return TypedResults.Ok(model);
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetCase)).WithSummary("A case with its timeline").WithTags("Cases");
}
