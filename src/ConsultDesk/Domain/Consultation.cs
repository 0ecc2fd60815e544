namespace ConsultDesk.Domain;

public enum ConsultationChannel
{
    Phone,
    OnlineMeeting,
    InPerson,
}

/// <summary>An individual consultation (個別相談), held or scheduled.</summary>
public sealed class Consultation
{
    private Consultation() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public ConsultationChannel Channel { get; private set; }
    public DateTime StartsAt { get; private set; }
    public int DurationMinutes { get; private set; }
    public string Attendees { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string NextSteps { get; private set; } = "";
    public Guid RecordedById { get; private set; }
    public DateTime RecordedAt { get; private set; }

    public static Consultation Record(Guid caseId, ConsultationChannel channel, DateTime startsAt, int durationMinutes,
        string attendees, string summary, string nextSteps, Guid recordedById, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        Channel = channel,
        StartsAt = startsAt,
        DurationMinutes = durationMinutes,
        Attendees = attendees,
        Summary = summary,
        NextSteps = nextSteps,
        RecordedById = recordedById,
        RecordedAt = nowUtc,
    };

    /// <summary>When the consultation ends: its start plus its duration.</summary>
    public DateTime EndsAt => StartsAt.AddMinutes(DurationMinutes);

    public bool IsUpcoming(DateTime nowUtc) => StartsAt > nowUtc;
}

/// <summary>A support task (各種支援) with an optional checklist, e.g. drafting in-house telework rules.</summary>
public sealed class SupportTask
{
    private SupportTask() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly? DueOn { get; private set; }
    public List<ChecklistItem> Checklist { get; private set; } = [];
    public DateTime? CompletedAt { get; private set; }
    public Guid CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static SupportTask Create(Guid caseId, string title, DateOnly? dueOn, IEnumerable<string> checklist, Guid createdById, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        Title = title,
        DueOn = dueOn,
        Checklist = checklist.Select(text => new ChecklistItem(text, false)).ToList(),
        CreatedById = createdById,
        CreatedAt = nowUtc,
    };

    public void Complete(DateTime nowUtc) => CompletedAt ??= nowUtc;
    public void Reopen() => CompletedAt = null;

    /// <summary>Ticks or unticks checklist items by position; positions outside the list are ignored by the caller's validation.</summary>
    public void Check(int index, bool done) => Checklist[index] = Checklist[index] with { Done = done };
}

public sealed record ChecklistItem(string Text, bool Done);
