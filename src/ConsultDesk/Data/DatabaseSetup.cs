using System.Data.Common;
using ConsultDesk.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultDesk.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "ConsultDesk.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "ConsultDesk.Migrations.PostgreSql";

    /// <summary>The embedded default: <c>{data}/consultdesk.db</c> with a busy timeout for concurrent writers.</summary>
    public static string DefaultSqliteConnectionString(string dataDirectory) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "consultdesk.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqliteDurabilityInterceptor.Instance)
                    // SQLite table rebuilds toggle foreign_keys outside the migration transaction by design; EF warns each time.
                    .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(WithNpgsqlDefaults(connectionString), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
        // The queue's capped count takes the first N matches in no order on purpose (ListCases.CountCap); EF warns each time.
        builder.ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
    }

    /// <summary>
    /// The Npgsql settings the app adds unless the connection string sets them itself:
    /// <list type="bullet">
    /// <item>The statements the app runs most become prepared statements on each connection (<c>Max Auto Prepare</c>;
    /// 0 behind a pooler that cannot keep them, such as PgBouncer in transaction mode before 1.21). PostgreSQL then skips
    /// parsing and, once a generic plan proves no costlier, planning: at 10^6 cases an exact lookup went from 1.7 to
    /// 1.3 ms p50 (EXPLAIN showed 0.3–12 ms of planning for the queue's statements, with 30 indexes on Cases to weigh).</item>
    /// <item>A pooled connection is handed back without resetting its session (<c>No Reset On Close</c>). With prepared
    /// statements Npgsql resets it with seven statements (<c>RESET ALL</c>, <c>DISCARD TEMP</c>, ...) sent before the next
    /// command, and EF Core opens a connection per query: 3–4 resets per request. The app keeps no session state (its
    /// only lock is transaction-scoped), so there is nothing to reset: exact lookups at 10^4 went from 1.5 to 1.2 ms p50
    /// and from 6,058–7,722 to 9,800–10,486 answered in 8 s (two runs each, alternating).</item>
    /// </list>
    /// </summary>
    public static string WithNpgsqlDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(string key) => given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(key, StringComparison.OrdinalIgnoreCase));
        if (Sets("MaxAutoPrepare") && Sets("NoResetOnClose")) return connectionString;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("MaxAutoPrepare")) { builder.MaxAutoPrepare = 100; builder.AutoPrepareMinUsages = 2; }
        if (!Sets("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Switches a SQLite file to write-ahead logging; the mode persists in the file.</summary>
    public static async Task EnableWriteAheadLogAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>Creates the folder of a SQLite file so a fresh checkout needs no manual step.</summary>
    public static void EnsureSqliteDirectory(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (path is { Length: > 0 } && path != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            Directory.CreateDirectory(folder);
    }
}

/// <summary>
/// Per-connection SQLite settings: a committed transaction is on disk (synchronous=FULL, WAL) before a 201 goes out,
/// writers wait for each other instead of failing, and foreign keys are enforced.
/// </summary>
public sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteDurabilityInterceptor Instance = new();

    // journal_mode=WAL is stored in the file and set once at startup (see EnableWriteAheadLogAsync); the rest is per connection.
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
