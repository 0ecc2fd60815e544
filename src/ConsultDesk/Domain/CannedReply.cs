namespace ConsultDesk.Domain;

/// <summary>
/// A text a consultant inserts into a reply instead of typing it again. A shared one (no owner) is kept by admins and
/// offered to every consultant; a personal one belongs to its author. Variables such as {{氏名}} are filled in on insert.
/// </summary>
public sealed class CannedReply
{
    public const int NameMaxLength = 100;
    public const int BodyMaxLength = 10_000;

    private CannedReply() { }

    public Guid Id { get; private set; }
    /// <summary>The author for a personal text; null for a shared one.</summary>
    public Guid? OwnerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public bool IsShared => OwnerId is null;

    public static CannedReply Create(Guid? ownerId, string name, string body, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), OwnerId = ownerId, Name = name, Body = body, CreatedAt = nowUtc, UpdatedAt = nowUtc,
    };

    public void Change(string name, string body, DateTime nowUtc)
    {
        Name = name;
        Body = body;
        UpdatedAt = nowUtc;
    }
}
