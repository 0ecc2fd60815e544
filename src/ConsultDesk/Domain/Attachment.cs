namespace ConsultDesk.Domain;

/// <summary>Where a stored file stands with the virus scanner; only <see cref="Clean"/> and <see cref="NotScanned"/> files are ever served.</summary>
public enum ScanStatus
{
    /// <summary>No scanner is configured: the file passed the type and size rules only.</summary>
    NotScanned,
    /// <summary>The scanner found nothing.</summary>
    Clean,
    /// <summary>Kept from an inbound mail while the scanner was unreachable; scanned again by the <c>attachment-scan</c> job.</summary>
    Pending,
    /// <summary>The scanner found something: never served, its content removed.</summary>
    Infected,
}

/// <summary>
/// A file sent on a case (a staff reply, a portal reply, an inbound mail), stored once by its SHA-256 under the
/// data directory (<c>attachments/ab/cd/&lt;sha256&gt;</c>); the row says whose it is and how to serve it.
/// </summary>
public sealed class Attachment
{
    private Attachment() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    /// <summary>The timeline entry (message) the file came with.</summary>
    public Guid? TimelineEntryId { get; private set; }
    /// <summary>The file's place among the files of its message, from 0, as they were sent.</summary>
    public int Position { get; private set; }
    /// <summary>The name as sent, cleaned of paths and control characters.</summary>
    public string FileName { get; private set; } = "";
    /// <summary>The type found in the content, never the client's claim.</summary>
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    /// <summary>Lower-case hex SHA-256 of the content: the file's address in the store.</summary>
    public string Sha256 { get; private set; } = "";
    public ScanStatus ScanStatus { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Whether the file may be handed out: not infected, and scanned when a scanner is configured.</summary>
    public bool Servable(bool scannerConfigured) => ScanStatus switch
    {
        ScanStatus.Clean => true,
        ScanStatus.NotScanned => !scannerConfigured,
        _ => false,
    };

    public static Attachment Create(Guid caseId, Guid? timelineEntryId, int position, string fileName, string contentType, long size, string sha256,
        ScanStatus scanStatus, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        TimelineEntryId = timelineEntryId,
        Position = position,
        FileName = fileName,
        ContentType = contentType,
        Size = size,
        Sha256 = sha256,
        ScanStatus = scanStatus,
        CreatedAt = nowUtc,
    };

    /// <summary>The scan that waited for the scanner has run.</summary>
    public void Scanned(bool infected) => ScanStatus = infected ? ScanStatus.Infected : ScanStatus.Clean;
}
