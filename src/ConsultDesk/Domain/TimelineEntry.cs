using System.Text.Json;

namespace ConsultDesk.Domain;

/// <summary>
/// One append-only entry of a case's history. Content is a small JSON object whose shape depends on the type.
/// Whether an entry changes the case, and so its version, follows from its type (<see cref="ChangesCase"/>; the rule
/// is written on <see cref="Case"/>): those entries are written only by the Case method that makes the change, all
/// others through <c>Data.CaseTimeline.Record</c>.
/// </summary>
public sealed class TimelineEntry
{
    /// <summary>
    /// The types written by <see cref="Case"/>'s own methods, each with a new version: the case's state and assignment,
    /// and its conversation and work record. A new type is a record of something else unless it is added here.
    /// </summary>
    public static readonly IReadOnlySet<string> CaseChangeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "submitted", "claimed", "assigned", "released", "transition", "message", "note", "consultation", "task", "merge",
    };

    private TimelineEntry() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTime At { get; private set; }
    public string Type { get; private set; } = "";
    /// <summary>The user who acted; null for the inquirer or the system.</summary>
    public Guid? ActorId { get; private set; }
    public string Content { get; private set; } = "{}";

    /// <summary>Whether this entry changes its case (and its version), rather than recording a change to another row.</summary>
    public bool ChangesCase => CaseChangeTypes.Contains(Type);

    public static TimelineEntry Submitted(Guid caseId, IntakeSource source, DateTime at) =>
        Create(caseId, "submitted", at, new { source = Wire.Name(source) });

    public static TimelineEntry MailSent(Guid caseId, Guid outboxMailId, string kind, DateTime at) =>
        Create(caseId, "mail-sent", at, new { outboxMailId, kind });

    public static TimelineEntry MailFailed(Guid caseId, Guid outboxMailId, string kind, DateTime at) =>
        Create(caseId, "mail-failed", at, new { outboxMailId, kind });

    public static TimelineEntry Create(Guid caseId, string type, DateTime at, object content, Guid? actorId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        At = at,
        Type = type,
        ActorId = actorId,
        Content = JsonSerializer.Serialize(content, Wire.JsonOptions),
    };
}
