using System.Text.Json;

namespace ConsultDesk.Domain.Award;

public enum ConflictStatus
{
    /// <summary>Assigned; the judge has not declared yet and sees only the entry's title and category.</summary>
    Pending,
    /// <summary>The judge declared no conflict of interest: the entry opens and can be scored.</summary>
    NoConflict,
    /// <summary>The judge declared a conflict: the assignment is removed (kept for the record) and admins are told.</summary>
    Conflict,
}

/// <summary>
/// An entry assigned to a judge. The conflict-of-interest declaration comes before anything of the entry beyond its
/// title and category; a declared conflict ends the assignment (the row stays, for the timeline and so the same
/// judge is not assigned again).
/// </summary>
public sealed class AwardAssignment
{
    private AwardAssignment() { }

    public const int MaxConflictNoteLength = 1_000;

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid EntryId { get; private set; }
    public Guid JudgeId { get; private set; }
    public ConflictStatus Conflict { get; private set; }
    public DateTime AssignedAt { get; private set; }
    public Guid AssignedBy { get; private set; }
    public DateTime? DeclaredAt { get; private set; }
    /// <summary>What the judge wrote about a declared conflict (admins read it).</summary>
    public string? ConflictNote { get; private set; }

    public bool IsActive => Conflict != ConflictStatus.Conflict;
    public bool CanSeeEntry => Conflict == ConflictStatus.NoConflict;

    public static AwardAssignment Create(Guid roundId, Guid entryId, Guid judgeId, Guid assignedBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        RoundId = roundId,
        EntryId = entryId,
        JudgeId = judgeId,
        Conflict = ConflictStatus.Pending,
        AssignedAt = nowUtc,
        AssignedBy = assignedBy,
    };

    /// <summary>Declares once: no conflict opens the entry, a conflict removes the assignment. A second declaration is refused.</summary>
    public void Declare(bool hasConflict, string? note, DateTime nowUtc)
    {
        if (Conflict != ConflictStatus.Pending) throw new AwardRuleException(hasConflict || Conflict == ConflictStatus.Conflict ? AwardRule.AssignmentRemoved : AwardRule.ConflictNotDeclared);
        Conflict = hasConflict ? ConflictStatus.Conflict : ConflictStatus.NoConflict;
        ConflictNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DeclaredAt = nowUtc;
    }

    /// <summary>Guards every look at the entry's content and every score.</summary>
    public void RequireCleared()
    {
        if (Conflict == ConflictStatus.Conflict) throw new AwardRuleException(AwardRule.AssignmentRemoved);
        if (Conflict != ConflictStatus.NoConflict) throw new AwardRuleException(AwardRule.ConflictNotDeclared);
    }
}

/// <summary>One judge's score of one criterion of one entry, with a comment and the judge's confidence (1 low – 3 high).</summary>
public sealed class AwardScore
{
    private AwardScore() { }

    public const int MaxCommentLength = 2_000;
    public const int MinConfidence = 1;
    public const int MaxConfidence = 3;

    public Guid Id { get; private set; }
    public Guid AssignmentId { get; private set; }
    public Guid EntryId { get; private set; }
    public Guid JudgeId { get; private set; }
    public Guid CriterionId { get; private set; }
    public int Value { get; private set; }
    public string? Comment { get; private set; }
    public int Confidence { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static AwardScore Create(AwardAssignment assignment, Guid criterionId, int value, string? comment, int confidence, DateTime nowUtc)
    {
        var score = new AwardScore
        {
            Id = Guid.CreateVersion7(),
            AssignmentId = assignment.Id,
            EntryId = assignment.EntryId,
            JudgeId = assignment.JudgeId,
            CriterionId = criterionId,
            CreatedAt = nowUtc,
        };
        score.Change(value, comment, confidence, nowUtc);
        return score;
    }

    /// <summary>True when anything changed (an unchanged score writes no timeline entry).</summary>
    public bool Change(int value, string? comment, int confidence, DateTime nowUtc)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (UpdatedAt != default && value == Value && comment == Comment && confidence == Confidence) return false;
        Value = value;
        Comment = comment;
        Confidence = confidence;
        UpdatedAt = nowUtc;
        return true;
    }
}

/// <summary>
/// The final decision of one category: its winners and the 審査講評. Reopening does not delete it: the decision is
/// marked reopened (who, when, why) and a new one is taken, so the timeline keeps both. At most one decision per
/// category is current (<see cref="ReopenedAt"/> null).
/// </summary>
public sealed class AwardDecision
{
    private AwardDecision() { }

    public const int MaxReviewLength = 4_000;

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid CategoryId { get; private set; }
    /// <summary>The winning entries' ids, as a JSON array, in the order given (<see cref="ReadWinners"/>).</summary>
    public string Winners { get; private set; } = "[]";
    /// <summary>審査講評, published with the results.</summary>
    public string Review { get; private set; } = "";
    public DateTime DecidedAt { get; private set; }
    public Guid DecidedBy { get; private set; }
    public DateTime? ReopenedAt { get; private set; }
    public Guid? ReopenedBy { get; private set; }
    public string? ReopenReason { get; private set; }

    public bool IsCurrent => ReopenedAt is null;

    public static AwardDecision Create(Guid roundId, Guid categoryId, IReadOnlyList<Guid> winners, string review, Guid decidedBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        RoundId = roundId,
        CategoryId = categoryId,
        Winners = JsonSerializer.Serialize(winners),
        Review = review.Trim(),
        DecidedAt = nowUtc,
        DecidedBy = decidedBy,
    };

    public IReadOnlyList<Guid> ReadWinners() => JsonSerializer.Deserialize<List<Guid>>(Winners) ?? [];

    public void Reopen(string reason, Guid actorId, DateTime nowUtc)
    {
        if (ReopenedAt is not null) throw new AwardRuleException(AwardRule.NoDecisionToReopen);
        ReopenedAt = nowUtc;
        ReopenedBy = actorId;
        ReopenReason = reason.Trim();
    }
}

/// <summary>
/// The award's audit trail: every entry change, assignment, conflict declaration, score change and decision, with
/// who (null for the entrant or the system) and when. Entry-level events carry <see cref="EntryId"/>; decisions
/// carry <see cref="CategoryId"/> and are also written on each winning entry.
/// </summary>
public sealed class AwardEvent
{
    private AwardEvent() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid? EntryId { get; private set; }
    public Guid? CategoryId { get; private set; }
    public DateTime At { get; private set; }
    /// <summary>entry-saved, entry-submitted, entry-withdrawn, assigned, unassigned, no-conflict, conflict, score-set, score-changed, shortlisted, unshortlisted, decided, decision-reopened, round-created, round-changed, results-mailed…</summary>
    public string Type { get; private set; } = "";
    public Guid? ActorId { get; private set; }
    public string Content { get; private set; } = "{}";

    public static AwardEvent Create(Guid roundId, Guid? entryId, Guid? categoryId, string type, DateTime at, Guid? actorId, object? content = null) => new()
    {
        Id = Guid.CreateVersion7(),
        RoundId = roundId,
        EntryId = entryId,
        CategoryId = categoryId,
        At = at,
        Type = type,
        ActorId = actorId,
        Content = JsonSerializer.Serialize(content ?? new { }, Wire.JsonOptions),
    };
}
