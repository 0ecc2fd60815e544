using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultDesk.Common;
using ConsultDesk.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// The operator's commands (<c>dotnet ConsultDesk.Web.dll migrate|backup DIR|restore DIR [--force]</c>): they use the
/// app's own configuration, so they find the same database, data directory, pickup folder and keys as the app.
/// </summary>
public static class Maintenance
{
    public const string ManifestFile = "manifest.json";
    public const string DatabaseFile = "consultdesk.db";
    private const string KeysFolder = "keys";
    private const string MailFolder = "mail";
    /// <summary>The attachment store (<see cref="ConsultDesk.Files.AttachmentStore"/>), content-addressed: copying it after the database snapshot finds every file the snapshot names.</summary>
    private const string AttachmentsFolder = ConsultDesk.Files.AttachmentStore.Folder;

    /// <summary>Applies every pending migration and exits; for operators who turn MigrateOnStartup off.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        var pending = (await DatabaseMigration.ApplyAsync(db, migrate: true, CancellationToken.None))!;
        Console.WriteLine(pending.Count == 0
            ? "The database schema was already up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
        return 0;
    }

    /// <summary>
    /// A consistent copy while the app keeps serving: SQLite's online backup reads one snapshot of the database under
    /// a read transaction (WAL lets writers go on meanwhile). The keys, the pickup folder and the attachments are copied
    /// after it, so every key and every file the snapshot's data needs is in the copy (a file is stored before its row
    /// is committed, and never changes at its address). With PostgreSQL only the files are copied: the database is
    /// pg_dump's job (see README).
    /// </summary>
    public static async Task<int> BackupAsync(IServiceProvider services, string target)
    {
        var (options, provider, connectionString, lastMigration) = await DescribeAsync(services);
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            Console.Error.WriteLine($"The backup folder {target} is not empty; choose a new folder.");
            return 2;
        }
        Directory.CreateDirectory(target);
        var started = DateTime.UtcNow;

        string? database = null;
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(WithoutPooling(connectionString));
            await using var copy = new SqliteConnection(WithoutPooling($"Data Source={Path.Combine(target, DatabaseFile)}"));
            await source.OpenAsync();
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            await using (var check = copy.CreateCommand())
            {
                // The copy must stand on its own (no WAL file beside it) and be intact.
                check.CommandText = "PRAGMA journal_mode=DELETE;";
                await check.ExecuteNonQueryAsync();
                check.CommandText = "PRAGMA integrity_check;";
                if (await check.ExecuteScalarAsync() is not "ok")
                    throw new InvalidOperationException("The copied database failed SQLite's integrity check.");
            }
            database = DatabaseFile;
        }

        var keys = CopyFolder(Path.Combine(options.DataDirectory, KeysFolder), Path.Combine(target, KeysFolder));
        var mail = CopyFolder(PickupDirectory(options), Path.Combine(target, MailFolder));
        var files = CopyFolder(Path.Combine(options.DataDirectory, AttachmentsFolder), Path.Combine(target, AttachmentsFolder));
        var manifest = new JsonObject
        {
            ["format"] = 1,
            ["app"] = typeof(Maintenance).Assembly.GetName().Version?.ToString(),
            ["startedAtUtc"] = started,
            ["finishedAtUtc"] = DateTime.UtcNow,
            ["provider"] = provider.ToString(),
            ["database"] = database,
            ["lastMigration"] = lastMigration,
            ["keysEncrypted"] = options.DataProtection.CertificatePath is { Length: > 0 },
            ["keyFiles"] = keys,
            ["mailFiles"] = mail,
            ["attachmentFiles"] = files,
        };
        await File.WriteAllTextAsync(Path.Combine(target, ManifestFile), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(provider == DatabaseProvider.Sqlite
            ? $"Backed up the database, {keys} key file(s), {mail} mail file(s) and {files} attachment file(s) to {target}."
            : $"Backed up {keys} key file(s), {mail} mail file(s) and {files} attachment file(s) to {target}; back up the PostgreSQL database with pg_dump (see README).");
        return 0;
    }

    /// <summary>Puts a backup into the configured data directory; refuses a non-empty one unless forced.</summary>
    public static async Task<int> RestoreAsync(IServiceProvider services, string source, bool force)
    {
        source = Path.GetFullPath(source);
        var manifestPath = Path.Combine(source, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            Console.Error.WriteLine($"{source} holds no {ManifestFile}: not a ConsultDesk backup.");
            return 2;
        }
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var (options, provider, connectionString, _) = await DescribeAsync(services, readMigrations: false);
        var databasePath = provider == DatabaseProvider.Sqlite ? Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource) : null;
        var occupied = Directory.EnumerateFileSystemEntries(options.DataDirectory).Any() || (databasePath is not null && File.Exists(databasePath));
        if (occupied && !force)
        {
            Console.Error.WriteLine($"The data directory {options.DataDirectory} is not empty; stop the app and add --force to overwrite it.");
            return 2;
        }

        var database = (string?)manifest["database"];
        if (databasePath is not null)
        {
            if (database is null)
            {
                Console.Error.WriteLine("This backup holds no SQLite database (it was made with PostgreSQL): restore the database with pg_restore.");
                return 2;
            }
            foreach (var stale in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + "-journal" })
                File.Delete(stale);
            Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
            await using var from = new SqliteConnection(WithoutPooling($"Data Source={Path.Combine(source, database)};Mode=ReadOnly"));
            await using var to = new SqliteConnection(WithoutPooling($"Data Source={databasePath}"));
            await from.OpenAsync();
            await to.OpenAsync();
            from.BackupDatabase(to);
        }

        var keysTarget = Path.Combine(options.DataDirectory, KeysFolder);
        var mailTarget = PickupDirectory(options);
        var filesTarget = Path.Combine(options.DataDirectory, AttachmentsFolder);
        if (force)
            foreach (var folder in new[] { keysTarget, mailTarget, filesTarget })
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var keys = CopyFolder(Path.Combine(source, KeysFolder), keysTarget);
        var mail = CopyFolder(Path.Combine(source, MailFolder), mailTarget);
        var files = CopyFolder(Path.Combine(source, AttachmentsFolder), filesTarget);
        Console.WriteLine(databasePath is not null
            ? $"Restored the database, {keys} key file(s), {mail} mail file(s) and {files} attachment file(s) into {options.DataDirectory}."
            : $"Restored {keys} key file(s), {mail} mail file(s) and {files} attachment file(s) into {options.DataDirectory}; restore the PostgreSQL database with pg_restore (see README).");
        return 0;
    }

    private static async Task<(ConsultDeskOptions Options, DatabaseProvider Provider, string ConnectionString, string? LastMigration)> DescribeAsync(
        IServiceProvider services, bool readMigrations = true)
    {
        var options = services.GetRequiredService<IOptions<ConsultDeskOptions>>().Value;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        var connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string.");
        var last = readMigrations ? (await db.Database.GetAppliedMigrationsAsync()).LastOrDefault() : null;
        return (options, options.Database.Provider, connectionString, last);
    }

    private static string PickupDirectory(ConsultDeskOptions options) => Path.Combine(options.DataDirectory, options.Mail.PickupDirectory);

    private static string WithoutPooling(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    private static int CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return 0;
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            // A pickup file is written under a temporary name and renamed; a half-written one is not mail yet.
            if (file.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                File.Copy(file, destination, overwrite: true);
                count++;
            }
            catch (FileNotFoundException)
            {
                // removed between listing and copying
            }
        }
        return count;
    }
}
