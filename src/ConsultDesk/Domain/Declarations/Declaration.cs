using System.Text.Json;
using ConsultDesk.Domain.Matching;

namespace ConsultDesk.Domain.Declarations;

public enum DeclarationStatus
{
    /// <summary>Sent, but the contact has not yet confirmed it from the mail; deleted after <see cref="Declaration.ConfirmationWindow"/>.</summary>
    Unconfirmed,
    /// <summary>Confirmed (or resubmitted, or changed after acceptance) and waiting for the office.</summary>
    InReview,
    /// <summary>Returned to the declarant for changes; the declarant edits and resubmits.</summary>
    Returned,
    /// <summary>受理: numbered, published, certificate served.</summary>
    Accepted,
    /// <summary>Refused for good (a declaration that was never accepted).</summary>
    Rejected,
    /// <summary>Withdrawn by the declarant or the office; the public page says so and no certificate is served.</summary>
    Withdrawn,
}

/// <summary>What can be done to a declaration; <see cref="Declaration.AllowedActions"/> lists those legal in its state (409s name them).</summary>
public enum DeclarationAction
{
    Confirm,
    Accept,
    Return,
    Reject,
    Withdraw,
    /// <summary>The declarant sends a new version (after a return, or as a change after acceptance).</summary>
    Resubmit,
}

/// <summary>
/// An Action宣言 of one organisation. Each submission is an immutable <see cref="DeclarationVersion"/>; the declaration
/// keeps the latest one's searchable facts (for the desk) and, once accepted, the accepted version's public facts
/// (for /sengen). A change after acceptance is reviewed while the accepted version stays public.
/// <see cref="Version"/> counts changes (ETag/If-Match); every change is also a <see cref="DeclarationEvent"/>.
/// </summary>
public sealed class Declaration
{
    private Declaration() { }

    public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan CheckInterval = TimeSpan.FromDays(365);
    public static readonly TimeSpan CheckAnswerWindow = TimeSpan.FromDays(60);
    public const int MaxReasonLength = 2_000;

    public Guid Id { get; private set; }
    public DeclarationStatus Status { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>When the contact confirmed from the mail; null while unconfirmed.</summary>
    public DateTime? ConfirmedAt { get; private set; }
    /// <summary>When the latest version was submitted for review (the queue's age).</summary>
    public DateTime? SubmittedAt { get; private set; }

    // The latest version's facts, for the desk's queue and links to cases.
    public int CurrentVersionNumber { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public string OrganizationNameKana { get; private set; } = "";
    public string? CorporateNumber { get; private set; }
    public string PrefectureCode { get; private set; } = "";
    public string Industry { get; private set; } = "";
    public int Employees { get; private set; }
    public string ContactEmail { get; private set; } = "";
    /// <summary><see cref="EmailAddress.LimitKey"/> of the contact address: the same mailbox however it is spelled.</summary>
    public string EmailKey { get; private set; } = "";
    public InquiryLanguage Language { get; private set; }

    // The accepted (public) version. Null until the first acceptance.
    /// <summary>The public number (第000123号), assigned at the first acceptance and never reused.</summary>
    public int? Number { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public int? AcceptedVersionNumber { get; private set; }
    public string? PublicName { get; private set; }
    public string? PublicNameKana { get; private set; }
    public string? PublicPrefectureCode { get; private set; }
    public string? PublicLocalGovernmentCode { get; private set; }
    public string? PublicIndustry { get; private set; }
    public CompanySize? PublicSize { get; private set; }
    /// <summary>When the public version last changed (first acceptance or an accepted change): the feed's "updated".</summary>
    public DateTime? PublishedAt { get; private set; }

    public DateTime? WithdrawnAt { get; private set; }
    public DateTime? RejectedAt { get; private set; }

    // The yearly check.
    /// <summary>When the next yearly check mail is due (one year after acceptance, then yearly after each answer).</summary>
    public DateTime? NextCheckDueAt { get; private set; }
    /// <summary>When the pending check mail was sent; null when no check is waiting for an answer.</summary>
    public DateTime? CheckRequestedAt { get; private set; }
    public DateTime? LastCheckAnsweredAt { get; private set; }
    /// <summary>要確認: a check went unanswered for <see cref="CheckAnswerWindow"/>; staff look, it is not unpublished by itself.</summary>
    public DateTime? NeedsAttentionSince { get; private set; }

    /// <summary>
    /// Whether /sengen lists it: accepted once and not withdrawn (a change under review keeps the accepted version up).
    /// Stored, so the public list's indexes can be filtered on it.
    /// </summary>
    public bool Listed { get; private set; }

    /// <summary>A change after acceptance is waiting for review or was returned.</summary>
    public bool HasPendingChange => AcceptedAt is not null && Status is DeclarationStatus.InReview or DeclarationStatus.Returned;

    /// <summary>The confirmation window of an unconfirmed declaration ends here.</summary>
    public DateTime ConfirmationExpiresAt => CreatedAt + ConfirmationWindow;

    public static string FormatNumber(int number) => $"第{number:D6}号";

    public static (Declaration Declaration, DeclarationVersion Version, DeclarationEvent Event) Submit(DeclarationContent content, DateTime nowUtc,
        string source)
    {
        var declaration = new Declaration
        {
            Id = Guid.CreateVersion7(),
            Status = DeclarationStatus.Unconfirmed,
            Version = 1,
            CreatedAt = nowUtc,
            UpdatedAt = nowUtc,
        };
        var version = declaration.TakeVersion(content, nowUtc);
        return (declaration, version, DeclarationEvent.Create(declaration.Id, "submitted", nowUtc, new { source, version = version.Number }));
    }

    public IReadOnlyList<DeclarationAction> AllowedActions() => Status switch
    {
        DeclarationStatus.Unconfirmed => [DeclarationAction.Confirm, DeclarationAction.Withdraw],
        DeclarationStatus.InReview => [DeclarationAction.Accept, DeclarationAction.Return, DeclarationAction.Reject, DeclarationAction.Withdraw],
        DeclarationStatus.Returned => [DeclarationAction.Resubmit, DeclarationAction.Withdraw],
        DeclarationStatus.Accepted => [DeclarationAction.Resubmit, DeclarationAction.Withdraw],
        _ => [],
    };

    public bool Allows(DeclarationAction action) => AllowedActions().Contains(action);

    /// <summary>The contact confirmed from the mail: the declaration enters review.</summary>
    public DeclarationEvent Confirm(DateTime nowUtc)
    {
        Require(DeclarationAction.Confirm);
        Status = DeclarationStatus.InReview;
        ConfirmedAt = nowUtc;
        SubmittedAt = nowUtc;
        return Changed("confirmed", nowUtc, null, new { version = CurrentVersionNumber });
    }

    /// <summary>
    /// 受理. The first acceptance takes <paramref name="newNumber"/> (drawn from the number sequence in the same
    /// transaction; see Data.DeclarationNumbers) and starts the yearly check; an accepted change keeps its number and
    /// only replaces the public facts. The caller replaces the <see cref="DeclarationPublicItem"/> rows.
    /// </summary>
    public DeclarationEvent Accept(DeclarationVersion version, int? newNumber, Guid actorId, DateTime nowUtc)
    {
        Require(DeclarationAction.Accept);
        if (version.DeclarationId != Id || version.Number != CurrentVersionNumber)
            throw new InvalidOperationException("Only the current version can be accepted.");
        var first = AcceptedAt is null;
        if (first)
        {
            Number = newNumber ?? throw new ArgumentNullException(nameof(newNumber), "The first acceptance takes a number.");
            AcceptedAt = nowUtc;
            NextCheckDueAt = nowUtc + CheckInterval;
        }
        var content = version.ReadContent();
        AcceptedVersionNumber = version.Number;
        PublicName = content.OrganizationName;
        PublicNameKana = content.OrganizationNameKana;
        PublicPrefectureCode = content.PrefectureCode;
        PublicLocalGovernmentCode = content.LocalGovernmentCode;
        PublicIndustry = content.Industry;
        PublicSize = CompanyNeeds.SizeOf(content.Employees);
        PublishedAt = nowUtc;
        Listed = true;
        Status = DeclarationStatus.Accepted;
        version.Decide(DeclarationVersionOutcome.Accepted, nowUtc);
        return Changed(first ? "accepted" : "change-accepted", nowUtc, actorId, new { version = version.Number, number = Number });
    }

    /// <summary>Returned for changes, with the reason the declarant reads.</summary>
    public DeclarationEvent Return(DeclarationVersion version, string reason, Guid actorId, DateTime nowUtc)
    {
        Require(DeclarationAction.Return);
        Status = DeclarationStatus.Returned;
        version.Decide(DeclarationVersionOutcome.Returned, nowUtc);
        return Changed("returned", nowUtc, actorId, new { version = version.Number, reason });
    }

    /// <summary>
    /// Refused. A declaration never accepted ends here; for a change after acceptance only the change is refused and
    /// the accepted version stays public.
    /// </summary>
    public DeclarationEvent Reject(DeclarationVersion version, string reason, Guid actorId, DateTime nowUtc)
    {
        Require(DeclarationAction.Reject);
        version.Decide(DeclarationVersionOutcome.Rejected, nowUtc);
        if (AcceptedAt is null)
        {
            Status = DeclarationStatus.Rejected;
            RejectedAt = nowUtc;
            return Changed("rejected", nowUtc, actorId, new { version = version.Number, reason });
        }
        Status = DeclarationStatus.Accepted;
        return Changed("change-rejected", nowUtc, actorId, new { version = version.Number, reason });
    }

    /// <summary>Withdrawn by the declarant (<paramref name="actorId"/> null) or by the office.</summary>
    public DeclarationEvent Withdraw(string? reason, Guid? actorId, DateTime nowUtc)
    {
        Require(DeclarationAction.Withdraw);
        Status = DeclarationStatus.Withdrawn;
        WithdrawnAt = nowUtc;
        Listed = false;
        NextCheckDueAt = null;
        CheckRequestedAt = null;
        NeedsAttentionSince = null;
        return Changed("withdrawn", nowUtc, actorId, new { reason, by = actorId is null ? "declarant" : "staff" });
    }

    /// <summary>The declarant sends a new version: after a return, or as a change to an accepted declaration.</summary>
    public (DeclarationVersion Version, DeclarationEvent Event) Resubmit(DeclarationContent content, DateTime nowUtc)
    {
        Require(DeclarationAction.Resubmit);
        var change = Status == DeclarationStatus.Accepted;
        var version = TakeVersion(content, nowUtc);
        Status = DeclarationStatus.InReview;
        SubmittedAt = nowUtc;
        return (version, Changed(change ? "change-submitted" : "resubmitted", nowUtc, null, new { version = version.Number }));
    }

    /// <summary>A yearly check mail went out.</summary>
    public DeclarationEvent CheckRequested(DateTime nowUtc)
    {
        CheckRequestedAt = nowUtc;
        NextCheckDueAt = nowUtc + CheckInterval;
        return Changed("check-requested", nowUtc, null, new { });
    }

    /// <summary>The declarant confirmed the declaration is still current (a change is a <see cref="Resubmit"/>, which also answers).</summary>
    public DeclarationEvent CheckAnswered(DateTime nowUtc)
    {
        CheckRequestedAt = null;
        LastCheckAnsweredAt = nowUtc;
        NeedsAttentionSince = null;
        NextCheckDueAt = nowUtc + CheckInterval;
        return Changed("check-answered", nowUtc, null, new { });
    }

    /// <summary>The check went unanswered: flag it 要確認 for staff.</summary>
    public DeclarationEvent FlagNeedsAttention(DateTime nowUtc)
    {
        NeedsAttentionSince = nowUtc;
        return Changed("needs-attention", nowUtc, null, new { requestedAt = CheckRequestedAt });
    }

    /// <summary>Staff looked at a 要確認 declaration and cleared the flag.</summary>
    public DeclarationEvent ClearNeedsAttention(Guid actorId, string? note, DateTime nowUtc)
    {
        NeedsAttentionSince = null;
        CheckRequestedAt = null;
        return Changed("attention-cleared", nowUtc, actorId, new { note });
    }

    private DeclarationVersion TakeVersion(DeclarationContent content, DateTime nowUtc)
    {
        CurrentVersionNumber++;
        OrganizationName = content.OrganizationName;
        OrganizationNameKana = content.OrganizationNameKana;
        CorporateNumber = content.CorporateNumber;
        PrefectureCode = content.PrefectureCode;
        Industry = content.Industry;
        Employees = content.Employees;
        ContactEmail = content.ContactEmail;
        EmailKey = EmailAddress.LimitKey(content.ContactEmail);
        Language = content.Language;
        return DeclarationVersion.Create(Id, CurrentVersionNumber, content, nowUtc);
    }

    private void Require(DeclarationAction action)
    {
        if (!Allows(action)) throw new DeclarationStateException(action, Status, AllowedActions());
    }

    private DeclarationEvent Changed(string type, DateTime nowUtc, Guid? actorId, object content)
    {
        Version++;
        UpdatedAt = nowUtc;
        return DeclarationEvent.Create(Id, type, nowUtc, content, actorId);
    }
}

/// <summary>An action not legal in the declaration's state; the API answers 409 listing <see cref="Allowed"/>.</summary>
public sealed class DeclarationStateException(DeclarationAction attempted, DeclarationStatus status, IReadOnlyList<DeclarationAction> allowed)
    : InvalidOperationException($"'{Wire.Name(attempted)}' is not allowed while the declaration is {Wire.Name(status)}.")
{
    public DeclarationAction Attempted { get; } = attempted;
    public DeclarationStatus Status { get; } = status;
    public IReadOnlyList<DeclarationAction> Allowed { get; } = allowed;
}

public enum DeclarationVersionOutcome
{
    Pending,
    Accepted,
    Returned,
    Rejected,
}

/// <summary>One submitted version of a declaration, immutable once written except for its review outcome.</summary>
public sealed class DeclarationVersion
{
    private DeclarationVersion() { }

    public Guid Id { get; private set; }
    public Guid DeclarationId { get; private set; }
    public int Number { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    /// <summary>The <see cref="DeclarationContent"/> as JSON.</summary>
    public string Content { get; private set; } = "{}";
    public DeclarationVersionOutcome Outcome { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public DeclarationContent ReadContent() => JsonSerializer.Deserialize<DeclarationContent>(Content, Wire.JsonOptions)!;

    public static DeclarationVersion Create(Guid declarationId, int number, DeclarationContent content, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        DeclarationId = declarationId,
        Number = number,
        SubmittedAt = nowUtc,
        Content = JsonSerializer.Serialize(content, Wire.JsonOptions),
        Outcome = DeclarationVersionOutcome.Pending,
    };

    internal void Decide(DeclarationVersionOutcome outcome, DateTime nowUtc)
    {
        Outcome = outcome;
        DecidedAt = nowUtc;
    }
}

/// <summary>One entry of a declaration's timeline: who did what, when. Content is a small JSON object per type.</summary>
public sealed class DeclarationEvent
{
    private DeclarationEvent() { }

    public Guid Id { get; private set; }
    public Guid DeclarationId { get; private set; }
    public DateTime At { get; private set; }
    public string Type { get; private set; } = "";
    /// <summary>The staff member who acted; null for the declarant or the system.</summary>
    public Guid? ActorId { get; private set; }
    public string Content { get; private set; } = "{}";

    public static DeclarationEvent Create(Guid declarationId, string type, DateTime at, object content, Guid? actorId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        DeclarationId = declarationId,
        At = at,
        Type = type,
        ActorId = actorId,
        Content = JsonSerializer.Serialize(content, Wire.JsonOptions),
    };
}

/// <summary>The public numbers' counter (one row): numbers are never reused, even after a withdrawal.</summary>
public sealed class DeclarationNumberSequence
{
    public int Id { get; set; }
    public int LastValue { get; set; }
}

/// <summary>The accepted version's commitment items, one row each: the public list filters on them with an index.</summary>
public sealed class DeclarationPublicItem
{
    public Guid DeclarationId { get; set; }
    public string ItemCode { get; set; } = "";
    /// <summary>Copied from the declaration so the filtered list pages by number without a join.</summary>
    public int Number { get; set; }
}
