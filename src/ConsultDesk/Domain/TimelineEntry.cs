using System.Text.Json;

namespace ConsultDesk.Domain;

/// <summary>One append-only entry of a case's history. Content is a small JSON object whose shape depends on the type.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTime At { get; private set; }
    public string Type { get; private set; } = "";
    /// <summary>The user who acted; null for the inquirer or the system.</summary>
    public Guid? ActorId { get; private set; }
    public string Content { get; private set; } = "{}";

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
