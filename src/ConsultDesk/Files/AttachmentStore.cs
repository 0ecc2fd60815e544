using System.Security.Cryptography;
using ConsultDesk.Common;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Files;

/// <summary>
/// The content-addressed store of attachments: <c>{DataDirectory}/attachments/ab/cd/&lt;sha256&gt;</c>. A file is
/// first written under <c>attachments/tmp/</c> while it is hashed and counted (never more than the limit is read),
/// flushed to disk, then renamed to its address, so a file at an address is always whole. The same content is stored
/// once. Files are written before the rows that name them are committed: a crash leaves at most an unnamed file,
/// never a row without its file. With PostgreSQL and several app instances the folder is on shared storage.
/// </summary>
public sealed class AttachmentStore(IOptions<ConsultDeskOptions> options)
{
    public const string Folder = "attachments";
    private const string StagingFolder = "tmp";

    public string Root => Path.Combine(options.Value.DataDirectory, Folder);

    /// <summary>Where a content lives; null for anything but 64 lower-case hex digits.</summary>
    public string? PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')) return null;
        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }

    /// <summary>
    /// Copies <paramref name="source"/> into a staging file, reading at most <paramref name="maxBytes"/> + 1 bytes:
    /// <see cref="StagedFile.TooLarge"/> says it was over the limit (and the copy is then already gone).
    /// </summary>
    public async Task<StagedFile> StageAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(Root, StagingFolder);
        Directory.CreateDirectory(staging);
        var path = Path.Combine(staging, $"{Guid.NewGuid():N}.tmp");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        var buffer = new byte[81920];
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                while (true)
                {
                    var want = (int)Math.Min(buffer.Length, maxBytes + 1 - size);
                    var read = await source.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                    if (read == 0) break;
                    size += read;
                    if (size > maxBytes)
                    {
                        await target.DisposeAsync();
                        File.Delete(path);
                        return StagedFile.Oversize(size);
                    }
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await target.FlushAsync(cancellationToken);
                target.Flush(flushToDisk: true);
            }
            return new StagedFile(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Moves a staged file to its address (atomically, by rename); the same content already stored is kept and the copy dropped.</summary>
    public void Commit(StagedFile staged)
    {
        var target = PathOf(staged.Sha256) ?? throw new InvalidOperationException("A staged file without a digest.");
        if (File.Exists(target))
        {
            staged.Discard();
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(staged.Path!, target, overwrite: false);
            staged.Stored();
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another request stored the same content at the same moment: theirs is identical.
            staged.Discard();
        }
    }

    /// <summary>The stored content, or null when it is not there.</summary>
    public Stream? Open(string sha256)
    {
        var path = PathOf(sha256);
        if (path is null) return null;
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>Removes a stored content (an infected file); the caller checks that no servable row still names it.</summary>
    public void Delete(string sha256)
    {
        if (PathOf(sha256) is { } path) File.Delete(path);
    }
}

/// <summary>A file copied into the store's staging folder, hashed and counted; deleted on dispose unless committed.</summary>
public sealed class StagedFile(string? path, long size, string sha256) : IDisposable
{
    public string? Path { get; private set; } = path;
    public long Size { get; } = size;
    public string Sha256 { get; } = sha256;
    /// <summary>The source held more than the limit; nothing was kept.</summary>
    public bool TooLarge => Path is null && Sha256.Length == 0;

    internal static StagedFile Oversize(long readSoFar) => new(null, readSoFar, "");

    public Stream OpenRead() => new FileStream(Path ?? throw new InvalidOperationException("Nothing staged."), FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

    internal void Stored() => Path = null;

    internal void Discard()
    {
        if (Path is not null) File.Delete(Path);
        Path = null;
    }

    public void Dispose() => Discard();
}
