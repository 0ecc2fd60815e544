namespace ConsultDesk.Domain.Users;

/// <summary>A staff member's named queue filter: the queue's query string (filters and sort, never a page position).</summary>
public sealed class SavedView
{
    public const int MaxNameLength = 50, MaxQueryLength = 1000, MaxPerUser = 50;

    private SavedView() { }

    public SavedView(Guid userId, string name, string query, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        Name = name;
        Query = query;
        CreatedAt = nowUtc;
        UpdatedAt = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Name { get; private set; } = "";
    public string Query { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void ChangeFilter(string query, DateTime nowUtc)
    {
        Query = query;
        UpdatedAt = nowUtc;
    }

    public void Rename(string name, DateTime nowUtc)
    {
        Name = name;
        UpdatedAt = nowUtc;
    }
}
