namespace ConsultDesk.Domain;

/// <summary>
/// An admin's version of a mail template for one language. Without a row the shipped default (embedded in the
/// app) is used; deleting the row restores it.
/// </summary>
public sealed class StoredMailTemplate
{
    private StoredMailTemplate() { }

    public string Name { get; private set; } = "";
    public InquiryLanguage Language { get; private set; }
    /// <summary>Liquid source: the first line renders the subject, the rest the body.</summary>
    public string Source { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public Guid? UpdatedById { get; private set; }
    /// <summary>Concurrency token: two admins saving the same template cannot silently overwrite each other.</summary>
    public int Version { get; private set; }

    public static StoredMailTemplate Create(string name, InquiryLanguage language, string source, Guid? actorId, DateTime nowUtc) => new()
    {
        Name = name,
        Language = language,
        Source = source,
        UpdatedAt = nowUtc,
        UpdatedById = actorId,
        Version = 1,
    };

    public void Update(string source, Guid? actorId, DateTime nowUtc)
    {
        Source = source;
        UpdatedById = actorId;
        UpdatedAt = nowUtc;
        Version++;
    }
}
