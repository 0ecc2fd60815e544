namespace ConsultDesk.Domain;

/// <summary>An inquiry as the desk works it: stored once at intake, then owned, moved and answered.</summary>
/// <remarks>
/// <para><b>The version rule.</b> <see cref="Version"/> (the API's ETag, the version a desk page posts back) changes
/// exactly when the case itself changes: its status, assignee, deadlines or merge, or its conversation and work record
/// (a message from the inquirer, a reply, a note, a consultation, a task). Each such change is a method here that
/// appends its timeline entry and bumps the version together (<see cref="Touch"/>); their entry types are
/// <see cref="TimelineEntry.CaseChangeTypes"/>, and a save that adds one without a new version is refused
/// (<c>Data.CaseTimeline.EnsureRule</c>).</para>
/// <para>Every other timeline entry records a change to a row that guards its own concurrency and leaves the
/// version alone: a match step or the company's needs (the proposal has its own version), a survey answer, an
/// opt-out, a mail kept for staff, an outbox mail sent, failed or retried, a follow-up sent, skipped or cancelled.
/// These happen on their own schedule (background jobs, the inquirer's portal, the matching work), and a client
/// holding the case's ETag must not have to read the case again because of them. They are written through
/// <c>Data.CaseTimeline.Record</c>, never added to the timeline directly.</para>
/// </remarks>
public sealed class Case
{
    private readonly List<CaseTopic> topics = [];
    private readonly List<TimelineEntry> timeline = [];

    private Case() { }

    public Guid Id { get; private set; }
    public string Reference { get; private set; } = "";
    public CaseStatus Status { get; private set; }
    public IntakeSource Source { get; private set; }
    public InquiryLanguage Language { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Optimistic concurrency token, exposed as the case's ETag; what changes it is the version rule above.</summary>
    public int Version { get; private set; }

    public InquirerType InquirerType { get; private set; }
    public string? OrganizationName { get; private set; }
    public string? OrganizationNameKana { get; private set; }
    public string? Department { get; private set; }
    public string? LocalGovernmentCode { get; private set; }
    public string? Industry { get; private set; }
    public int? Employees { get; private set; }
    public string FamilyName { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string FamilyNameKana { get; private set; } = "";
    public string GivenNameKana { get; private set; } = "";
    public string Email { get; private set; } = "";
    /// <summary>Lower-cased address, indexed: per-address limits and lookups must not depend on how it was typed.</summary>
    public string EmailNormalized { get; private set; } = "";
    /// <summary>The address as per-address limits count it (<see cref="EmailAddress.LimitKey"/>): a+1@ and a+2@ are one inquirer.</summary>
    public string EmailKey { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Title { get; private set; }
    public string PrefectureCode { get; private set; } = "";
    /// <summary>The inquirer's address as typed (all optional): postal code as seven digits, 市区町村, 町域・番地, 建物名.</summary>
    public string? PostalCode { get; private set; }
    public string? AddressMunicipality { get; private set; }
    public string? AddressStreet { get; private set; }
    public string? AddressBuilding { get; private set; }
    public ContactChannel PreferredChannel { get; private set; }
    public IReadOnlyList<TimeSlot> PreferredSlots { get; private set; } = [];
    public string Subject { get; private set; } = "";
    public string Message { get; private set; } = "";
    public DateTime PrivacyConsentAt { get; private set; }

    public string ContactName => $"{FamilyName} {GivenName}";

    public Guid? AssigneeId { get; private set; }
    public DateTime FirstResponseDueAt { get; private set; }
    public DateTime ResolutionDueAt { get; private set; }
    public DateTime? FirstRespondedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public CloseReason? CloseReason { get; private set; }
    /// <summary>Where a case waiting on its inquirer returns to, and since when the SLA clock has been paused.</summary>
    public CaseStatus? StatusBeforeWaiting { get; private set; }
    public DateTime? WaitingSince { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    /// <summary>
    /// The deadline the queue sorts by: first response until it happens, then resolution; <see cref="NoDeadline"/>
    /// once the case is resolved or closed (never null, so keyset paging over it stays simple and indexed).
    /// </summary>
    public DateTime DueAt { get; private set; }

    public static readonly DateTime NoDeadline = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    public IReadOnlyList<CaseTopic> Topics => topics;
    /// <summary>The topics as bits (<see cref="Topic.MaskOf"/>), set with them at intake: the queue's topic filter tests it.</summary>
    public int TopicMask { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline => timeline;

    public static Case Submit(string reference, Inquiry inquiry, IntakeSource source, DateTime nowUtc, ServiceLevel? serviceLevel = null)
    {
        var sla = serviceLevel ?? ServiceLevel.Unmeasured;
        var @case = new Case
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            Status = CaseStatus.New,
            Source = source,
            Language = inquiry.Language,
            SubmittedAt = nowUtc,
            UpdatedAt = nowUtc,
            Version = 1,
            InquirerType = inquiry.InquirerType,
            OrganizationName = inquiry.OrganizationName,
            OrganizationNameKana = inquiry.OrganizationNameKana,
            Department = inquiry.Department,
            LocalGovernmentCode = inquiry.LocalGovernmentCode,
            Industry = inquiry.Industry,
            Employees = inquiry.Employees,
            FamilyName = inquiry.FamilyName,
            GivenName = inquiry.GivenName,
            FamilyNameKana = inquiry.FamilyNameKana,
            GivenNameKana = inquiry.GivenNameKana,
            Email = inquiry.Email,
            EmailNormalized = inquiry.Email.ToLowerInvariant(),
            EmailKey = EmailAddress.LimitKey(inquiry.Email),
            // Stored as digits (intake already sends them so), which the queue's exact phone lookup and its index rely on.
            Phone = inquiry.Phone is { } phone ? JapaneseText.NormalizePhone(phone) : null,
            Title = inquiry.Title,
            PrefectureCode = inquiry.PrefectureCode,
            PostalCode = inquiry.PostalCode,
            AddressMunicipality = inquiry.AddressMunicipality,
            AddressStreet = inquiry.AddressStreet,
            AddressBuilding = inquiry.AddressBuilding,
            PreferredChannel = inquiry.PreferredChannel,
            PreferredSlots = inquiry.PreferredSlots,
            Subject = inquiry.Subject,
            Message = inquiry.Message,
            PrivacyConsentAt = inquiry.PrivacyConsentAt,
            FirstResponseDueAt = sla.FirstResponseDue(nowUtc),
            ResolutionDueAt = sla.ResolutionDue(nowUtc),
        };
        @case.DueAt = @case.FirstResponseDueAt;
        @case.topics.AddRange(inquiry.Topics.Distinct(StringComparer.Ordinal).Select(t => new CaseTopic(@case.Id, t)));
        @case.TopicMask = Topic.MaskOf(inquiry.Topics);
        @case.timeline.Add(TimelineEntry.Submitted(@case.Id, source, nowUtc));
        return @case;
    }

    public bool IsOpen => CaseLifecycle.IsOpen(Status);

    public IReadOnlyList<CaseStatus> NextStatuses(DateTime nowUtc) => CaseLifecycle.Next(Status, StatusBeforeWaiting, ResolvedAt, nowUtc);

    /// <summary>Takes an unassigned case.</summary>
    public void Claim(Guid userId, DateTime nowUtc)
    {
        if (AssigneeId is not null) throw new CaseRuleException("already-assigned");
        AssigneeId = userId;
        Touch(TimelineEntry.Create(Id, "claimed", nowUtc, new { assigneeId = userId }, userId), nowUtc);
    }

    public void AssignTo(Guid userId, Guid actorId, DateTime nowUtc)
    {
        var previous = AssigneeId;
        AssigneeId = userId;
        Touch(TimelineEntry.Create(Id, "assigned", nowUtc, new { from = previous, to = userId }, actorId), nowUtc);
    }

    public void Release(Guid actorId, DateTime nowUtc)
    {
        if (AssigneeId is null) throw new CaseRuleException("not-assigned");
        var previous = AssigneeId;
        AssigneeId = null;
        Touch(TimelineEntry.Create(Id, "released", nowUtc, new { from = previous }, actorId), nowUtc);
    }

    /// <summary>Moves the case along the lifecycle; the SLA clock pauses while the case waits on its inquirer.</summary>
    public void TransitionTo(CaseStatus to, CloseReason? reason, string? comment, Guid? actorId, DateTime nowUtc, ServiceLevel serviceLevel)
    {
        if (!CaseLifecycle.Allows(Status, to, StatusBeforeWaiting, ResolvedAt, nowUtc)) throw new IllegalTransitionException(Status, to);
        if (to == CaseStatus.Closed && reason is null) throw new CaseRuleException("close-reason-required");
        var from = Status;

        if (from == CaseStatus.WaitingOnInquirer && WaitingSince is { } since)
        {
            var paused = serviceLevel.DeskTimeBetween(since, nowUtc);
            FirstResponseDueAt = serviceLevel.Extend(FirstResponseDueAt, paused);
            ResolutionDueAt = serviceLevel.Extend(ResolutionDueAt, paused);
            StatusBeforeWaiting = null;
            WaitingSince = null;
        }
        if (to == CaseStatus.WaitingOnInquirer)
        {
            StatusBeforeWaiting = from;
            WaitingSince = nowUtc;
        }
        if (from == CaseStatus.Resolved && to != CaseStatus.Closed) ResolvedAt = null;
        if (to == CaseStatus.Resolved) ResolvedAt = nowUtc;
        if (to == CaseStatus.Closed)
        {
            ClosedAt = nowUtc;
            CloseReason = reason;
        }
        Status = to;
        Touch(TimelineEntry.Create(Id, "transition", nowUtc,
            new { from = Wire.Name(from), to = Wire.Name(to), reason = reason is { } r ? Wire.Name(r) : null, comment }, actorId), nowUtc);
    }

    /// <summary>
    /// A message from the inquirer (a mail reply or the portal). A case waiting on its inquirer goes back to where it
    /// was, so the consultant sees it again; the follow-ups that waited for this answer are cancelled by the caller.
    /// </summary>
    /// <returns>The message's timeline entry (attachments of the message belong to it).</returns>
    public TimelineEntry ReceiveInquirerMessage(InquirerMessage message, DateTime nowUtc, ServiceLevel serviceLevel)
    {
        var entry = TimelineEntry.Create(Id, "message", nowUtc, new
        {
            direction = "inbound", via = message.Via, message.Subject, message.Body, message.QuotedText, message.InboundMailId, message.From,
            refusedAttachments = message.RefusedAttachments is { Count: > 0 } refused ? refused : null,
        });
        Touch(entry, nowUtc);
        if (Status == CaseStatus.WaitingOnInquirer)
            TransitionTo(StatusBeforeWaiting ?? CaseStatus.Triaged, null, null, null, nowUtc, serviceLevel);
        // As help desks do with a solved ticket: an answer within the reopen window puts the case back in work.
        else if (Status == CaseStatus.Resolved && CaseLifecycle.Allows(Status, CaseStatus.InConsultation, StatusBeforeWaiting, ResolvedAt, nowUtc))
            TransitionTo(CaseStatus.InConsultation, null, null, null, nowUtc, serviceLevel);
        else if (Status == CaseStatus.Closed && CloseReason == Domain.CloseReason.NoResponse)
        {
            // The closing notice promises this: an inquirer who writes back after an automatic close is heard again.
            Status = CaseStatus.Triaged;
            ClosedAt = null;
            CloseReason = null;
            Touch(TimelineEntry.Create(Id, "transition", nowUtc, new { from = Wire.Name(CaseStatus.Closed), to = Wire.Name(CaseStatus.Triaged), reason = "inquirer-replied" }), nowUtc);
        }
        return entry;
    }

    public void AddNote(string body, Guid actorId, DateTime nowUtc) =>
        Touch(TimelineEntry.Create(Id, "note", nowUtc, new { body }, actorId), nowUtc);

    /// <summary>Records a reply sent to the inquirer; the first reply meets the first-response SLA.</summary>
    /// <returns>The reply's timeline entry (attachments of the reply belong to it).</returns>
    public TimelineEntry RecordReply(Guid outboxMailId, string subject, string body, Guid actorId, DateTime nowUtc)
    {
        FirstRespondedAt ??= nowUtc;
        var entry = TimelineEntry.Create(Id, "message", nowUtc, new { direction = "outbound", outboxMailId, subject, body }, actorId);
        Touch(entry, nowUtc);
        return entry;
    }

    public void RecordConsultation(Consultation consultation, Guid actorId, DateTime nowUtc)
    {
        FirstRespondedAt ??= nowUtc;
        Touch(TimelineEntry.Create(Id, "consultation", nowUtc, new
        {
            consultationId = consultation.Id, channel = Wire.Name(consultation.Channel), consultation.StartsAt,
            consultation.DurationMinutes, consultation.Attendees, consultation.Summary, consultation.NextSteps,
        }, actorId), nowUtc);
    }

    public void RecordTask(SupportTask task, string change, Guid actorId, DateTime nowUtc) =>
        Touch(TimelineEntry.Create(Id, "task", nowUtc, new { taskId = task.Id, change, task.Title, task.DueOn }, actorId), nowUtc);

    /// <summary>Closes this case as a duplicate of <paramref name="target"/>; both timelines tell.</summary>
    public void MergeInto(Case target, Guid actorId, DateTime nowUtc, ServiceLevel serviceLevel)
    {
        if (target.Id == Id) throw new CaseRuleException("merge-into-self");
        if (!target.IsOpen) throw new CaseRuleException("merge-into-closed");
        if (Status == CaseStatus.Closed) throw new CaseRuleException("already-closed");
        if (Status == CaseStatus.Resolved || !CaseLifecycle.Allows(Status, CaseStatus.Closed, StatusBeforeWaiting, ResolvedAt, nowUtc))
            throw new IllegalTransitionException(Status, CaseStatus.Closed);
        TransitionTo(CaseStatus.Closed, Domain.CloseReason.Duplicate, null, actorId, nowUtc, serviceLevel);
        MergedIntoId = target.Id;
        Touch(TimelineEntry.Create(Id, "merge", nowUtc, new { direction = "into", reference = target.Reference }, actorId), nowUtc);
        target.Touch(TimelineEntry.Create(target.Id, "merge", nowUtc, new { direction = "from", reference = Reference }, actorId), nowUtc);
    }

    /// <summary>Every change of the case appends to the timeline and bumps the version the API shows as the ETag.</summary>
    private void Touch(TimelineEntry entry, DateTime nowUtc)
    {
        DueAt = IsOpen ? FirstRespondedAt is null ? FirstResponseDueAt : ResolutionDueAt : NoDeadline;
        timeline.Add(entry);
        UpdatedAt = nowUtc;
        Version++;
    }
}

/// <summary>What an inquirer wrote back: <paramref name="Via"/> is <c>mail</c> or <c>portal</c>; quoted history is kept apart, folded.</summary>
public sealed record InquirerMessage(string Via, string? Subject, string Body, string? QuotedText = null, Guid? InboundMailId = null, string? From = null)
{
    /// <summary>Attachments of a mail that were not kept (name and reason: type, size, count, infected); shown to staff on the entry.</summary>
    public IReadOnlyList<RefusedAttachment>? RefusedAttachments { get; init; }
}

/// <summary>An attachment not kept, recorded by name and reason only.</summary>
public sealed record RefusedAttachment(string FileName, string Reason);

/// <summary>A case rule was broken (claiming a taken case, closing without a reason); the code names which.</summary>
public sealed class CaseRuleException(string code) : Exception($"Case rule broken: {code}.")
{
    public string Code { get; } = code;
}

public sealed class IllegalTransitionException(CaseStatus from, CaseStatus to) : Exception($"A case cannot move from {from} to {to}.")
{
    public CaseStatus From { get; } = from;
    public CaseStatus To { get; } = to;
}

/// <summary>One topic of a case, a row of its own so the queue can filter by topic through an index.</summary>
public sealed class CaseTopic
{
    private CaseTopic() { }

    public CaseTopic(Guid caseId, string topic)
    {
        CaseId = caseId;
        Topic = topic;
    }

    public Guid CaseId { get; private set; }
    public string Topic { get; private set; } = "";
}
