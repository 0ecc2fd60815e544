using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Files;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Attachments;

/// <summary>A file as it arrives (a form field, a multipart part, a MIME part): its claimed name and a way to read it once.</summary>
public sealed record IncomingFile(string? FileName, Func<Stream> Open);

/// <summary>
/// The one way files join a case. <see cref="PrepareAsync"/> reads each file into the store's staging folder (never
/// more than <see cref="AttachmentsOptions.MaxFileBytes"/>), finds its type in its content, and has the virus scanner
/// look at it when one is configured; a refusal is a validation error on <c>Attachments</c>, so nothing of the message
/// is written. <see cref="Prepared.Store"/> then puts the files at their addresses and adds their rows, tied to the
/// message's timeline entry, for the caller to save. Inbound mail uses <see cref="PrepareFromMailAsync"/>: it keeps
/// what passes and names what it refused.
/// </summary>
public sealed class AttachmentIntake(AttachmentStore store, IVirusScanner scanner, IOptions<ConsultDeskOptions> options, ILogger<AttachmentIntake> logger)
{
    public const string Field = "Attachments";

    private AttachmentsOptions Limits => options.Value.Attachments;

    /// <summary>Staff and portal uploads: all files are accepted, or the message is refused with the reasons.</summary>
    public async Task<Prepared> PrepareAsync(IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        var prepared = new Prepared(store);
        if (files.Count == 0) return prepared;
        try
        {
            var errors = new List<ValidationFailure>();
            if (files.Count > Limits.MaxFilesPerMessage)
                throw Refuse(string.Format(CultureInfo.CurrentCulture, Texts.AttachmentTooMany, Limits.MaxFilesPerMessage));
            long total = 0;
            foreach (var file in files)
            {
                var (accepted, refusal) = await ReadAsync(file, Limits.MaxMessageBytes - total, cancellationToken);
                if (refusal == Refusal.ScanUnavailable) throw Refuse(Texts.AttachmentScanUnavailable);
                if (refusal == Refusal.OverMessage)
                    throw Refuse(string.Format(CultureInfo.CurrentCulture, Texts.AttachmentMessageTooLarge, Bytes(Limits.MaxMessageBytes)));
                if (accepted is null)
                {
                    errors.Add(new ValidationFailure(Field, Message(refusal!.Value, file.FileName)));
                    continue;
                }
                total += accepted.Staged.Size;
                prepared.Add(accepted);
            }
            if (errors.Count > 0) throw new ValidationException(errors);
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The attachments of an inbound mail: those that pass the rules are kept; the others are named with the reason in
    /// <see cref="Prepared.Refused"/> (no content kept). A file the scanner could not look at is kept as
    /// <see cref="ScanStatus.Pending"/> (mail cannot be asked to come back later) and scanned again by a job.
    /// </summary>
    public async Task<Prepared> PrepareFromMailAsync(IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        var prepared = new Prepared(store);
        long total = 0;
        try
        {
            foreach (var file in files)
            {
                if (prepared.Files.Count >= Limits.MaxFilesPerMessage)
                {
                    prepared.Refuse(file.FileName, "count");
                    continue;
                }
                var (accepted, refusal) = await ReadAsync(file, Limits.MaxMessageBytes - total, cancellationToken, mail: true);
                if (accepted is null)
                {
                    prepared.Refuse(file.FileName, refusal switch
                    {
                        Refusal.Type or Refusal.Empty => "type",
                        Refusal.Infected => "infected",
                        _ => "size",
                    });
                    continue;
                }
                total += accepted.Staged.Size;
                prepared.Add(accepted);
            }
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    private enum Refusal { Type, Empty, OverFile, OverMessage, Infected, ScanUnavailable }

    private async Task<(PreparedFile? File, Refusal? Refusal)> ReadAsync(IncomingFile file, long messageBudget, CancellationToken cancellationToken, bool mail = false)
    {
        var limit = Math.Min(Limits.MaxFileBytes, Math.Max(0, messageBudget));
        StagedFile staged;
        await using (var source = file.Open())
            staged = await store.StageAsync(source, limit, cancellationToken);
        if (staged.TooLarge)
            return (null, limit == Limits.MaxFileBytes ? Refusal.OverFile : Refusal.OverMessage);
        var keep = false;
        try
        {
            if (staged.Size == 0) return (null, Refusal.Empty);
            FileType? type;
            await using (var content = staged.OpenRead())
                type = FileTypes.Sniff(content);
            if (type is null) return (null, Refusal.Type);

            var status = ScanStatus.NotScanned;
            if (scanner.IsConfigured)
            {
                ScanResult result;
                await using (var content = staged.OpenRead())
                    result = await scanner.ScanAsync(content, cancellationToken);
                switch (result.Verdict)
                {
                    case ScanVerdict.Infected:
                        logger.LogWarning("An attachment was refused: the virus scanner found {Signature}", result.Signature);
                        return (null, Refusal.Infected);
                    case ScanVerdict.Unavailable when !mail:
                        logger.LogWarning("An attachment was refused: the virus scanner is unavailable");
                        return (null, Refusal.ScanUnavailable);
                    case ScanVerdict.Unavailable:
                        logger.LogWarning("An inbound attachment is kept unscanned: the virus scanner is unavailable");
                        status = ScanStatus.Pending;
                        break;
                    default:
                        status = ScanStatus.Clean;
                        break;
                }
            }
            keep = true;
            return (new PreparedFile(staged, FileTypes.CleanFileName(file.FileName, type), type.ContentType, status), null);
        }
        finally
        {
            if (!keep) staged.Dispose();
        }
    }

    private string Message(Refusal refusal, string? fileName)
    {
        var name = ShownName(fileName);
        return refusal switch
        {
            Refusal.OverFile => string.Format(CultureInfo.CurrentCulture, Texts.AttachmentTooLarge, name, Bytes(Limits.MaxFileBytes)),
            Refusal.Empty => string.Format(CultureInfo.CurrentCulture, Texts.AttachmentEmpty, name),
            Refusal.Infected => string.Format(CultureInfo.CurrentCulture, Texts.AttachmentInfected, name),
            _ => string.Format(CultureInfo.CurrentCulture, Texts.AttachmentTypeRefused, name),
        };
    }

    private static ValidationException Refuse(string message) => new([new ValidationFailure(Field, message)]);

    /// <summary>A name fit to repeat in a message: no folders or control characters, not too long.</summary>
    internal static string ShownName(string? fileName)
    {
        var name = string.Concat((fileName ?? "").Replace('\\', '/').Split('/')[^1].Where(c => !char.IsControl(c))).Trim();
        if (name.Length == 0) name = "-";
        return name.Length <= 100 ? name : name[..100] + "…";
    }

    /// <summary>10485760 → 10 MB.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} B",
    };
}

/// <summary>A file read, typed and scanned, waiting in the staging folder for its message to be written.</summary>
public sealed record PreparedFile(StagedFile Staged, string FileName, string ContentType, ScanStatus ScanStatus);

/// <summary>A message's files, read and checked; dispose to drop what was not stored.</summary>
public sealed class Prepared(AttachmentStore store) : IDisposable
{
    private readonly List<PreparedFile> files = [];
    private readonly List<RefusedFile> refused = [];

    public IReadOnlyList<PreparedFile> Files => files;
    /// <summary>Inbound mail only: what was not kept, and why (<c>type</c>, <c>size</c>, <c>count</c>, <c>infected</c>).</summary>
    public IReadOnlyList<RefusedFile> Refused => refused;

    internal void Add(PreparedFile file) => files.Add(file);
    internal void Refuse(string? fileName, string reason) => refused.Add(new RefusedFile(AttachmentIntake.ShownName(fileName), reason));

    /// <summary>Puts the files at their addresses and adds their rows (not saved) on the message's timeline entry.</summary>
    public IReadOnlyList<Attachment> Store(ConsultDeskDbContext db, Guid caseId, Guid? timelineEntryId, DateTime nowUtc)
    {
        var rows = new List<Attachment>();
        foreach (var (file, position) in files.Select((f, i) => (f, i)))
        {
            store.Commit(file.Staged);
            var row = Attachment.Create(caseId, timelineEntryId, position, file.FileName, file.ContentType, file.Staged.Size, file.Staged.Sha256, file.ScanStatus, nowUtc);
            db.Attachments.Add(row);
            rows.Add(row);
        }
        return rows;
    }

    public void Dispose()
    {
        foreach (var file in files) file.Staged.Dispose();
    }
}

public sealed record RefusedFile(string FileName, string Reason);
