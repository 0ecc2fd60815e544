using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConsultDesk.Bench;

/// <summary>
/// The most intake a database can take on this disk: one transaction per case-sized row (~1.5 KB over columns like
/// Cases) plus its outbox row, with the app's durability (SQLite: WAL in a file, synchronous=FULL, one writer;
/// PostgreSQL: fsync and synchronous commit as the server is configured, one connection per client).
/// </summary>
public static class Floors
{
    internal const string CaseTable = """
        CREATE TABLE floor_cases ("Id" TEXT PRIMARY KEY, "Reference" TEXT NOT NULL UNIQUE, "Status" TEXT NOT NULL, "InquirerType" TEXT NOT NULL,
          "OrganizationName" TEXT, "Department" TEXT, "FamilyName" TEXT NOT NULL, "GivenName" TEXT NOT NULL, "FamilyNameKana" TEXT NOT NULL,
          "GivenNameKana" TEXT NOT NULL, "Email" TEXT NOT NULL, "PrefectureCode" TEXT NOT NULL, "Subject" TEXT NOT NULL, "Message" TEXT NOT NULL,
          "SubmittedAt" TEXT NOT NULL, "UpdatedAt" TEXT NOT NULL, "DueAt" TEXT NOT NULL, "Version" INTEGER NOT NULL);
        CREATE TABLE floor_outbox ("Id" TEXT PRIMARY KEY, "CaseId" TEXT NOT NULL, "ToAddress" TEXT NOT NULL, "Subject" TEXT NOT NULL, "Body" TEXT NOT NULL,
          "Status" TEXT NOT NULL, "CreatedAt" TEXT NOT NULL);
        """;

    internal const string InsertCase = """
        INSERT INTO floor_cases VALUES ($1, $2, 'new', 'company', '株式会社サンプル', '人事部', '髙橋', '𠮷子', 'タカハシ', 'ヨシコ', $3, '13',
          'サテライトオフィス誘致の進め方について①②③', $4, $5, $5, $5, 1)
        """;

    internal const string InsertOutbox = """
        INSERT INTO floor_outbox VALUES ($1, $2, $3, '【地方創生テレワーク相談窓口】お問い合わせを受け付けました', $4, 'pending', $5)
        """;

    // About 1.1 KB of UTF-8 in the message plus the other columns: the size of a typical case row.
    internal static readonly string Message = string.Concat(Enumerable.Repeat("㈱サンプルの髙橋です。𠮷野町の件でご相談です。", 9));
    internal static readonly string Body = string.Concat(Enumerable.Repeat("お問い合わせを受け付けました。担当よりご連絡いたします。", 8));

    public static async Task RunAsync(Arguments arguments)
    {
        var provider = arguments.Get("provider", "sqlite");
        var seconds = arguments.GetInt("duration", 10);
        var rate = provider == "postgres"
            ? await PostgresAsync(arguments.Get("connection", ""), arguments.GetInt("clients", 16), seconds)
            : Sqlite(arguments.Get("data", Directory.CreateTempSubdirectory("consultdesk-floor-").FullName), seconds);
        Console.WriteLine($"raw {provider} floor: {rate:F0} case+outbox transactions/s");
        Results.Write(arguments, "intake floor (raw inserts)", rate, "tx/s");
    }

    private static double Sqlite(string folder, int seconds)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "floor.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, CaseTable);
        using var insertCase = connection.CreateCommand();
        insertCase.CommandText = InsertCase;
        using var insertOutbox = connection.CreateCommand();
        insertOutbox.CommandText = InsertOutbox;
        for (var i = 1; i <= 5; i++)
        {
            insertCase.Parameters.Add(new SqliteParameter($"${i}", ""));
            insertOutbox.Parameters.Add(new SqliteParameter($"${i}", ""));
        }
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            using var transaction = connection.BeginTransaction();
            insertCase.Transaction = insertOutbox.Transaction = transaction;
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            var email = $"floor-{count}@example.jp";
            Bind(insertCase, id, $"CD-2099-{count:D7}", email, Message, now);
            insertCase.ExecuteNonQuery();
            Bind(insertOutbox, Guid.CreateVersion7().ToString().ToUpperInvariant(), id, email, Body, now);
            insertOutbox.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }
        return count / watch.Elapsed.TotalSeconds;
    }

    internal static void Bind(SqliteCommand command, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<double> PostgresAsync(string connectionString, int clients, int seconds)
    {
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = clients + 2 }.ToString());
        await using (var setup = await source.OpenConnectionAsync())
        {
            await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS floor_cases, floor_outbox", setup);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand(CaseTable, setup);
            await create.ExecuteNonQueryAsync();
        }
        var total = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            await using var connection = await source.OpenConnectionAsync();
            var n = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                var id = Guid.CreateVersion7().ToString();
                var now = DateTime.UtcNow.ToString("O");
                var email = $"floor-{client}-{n}@example.jp";
                await using (var command = new NpgsqlCommand(InsertCase, connection, transaction))
                {
                    foreach (var value in new[] { id, $"CD-{client:D3}-{n:D7}", email, Message, now }) command.Parameters.AddWithValue(value);
                    await command.ExecuteNonQueryAsync();
                }
                await using (var command = new NpgsqlCommand(InsertOutbox, connection, transaction))
                {
                    foreach (var value in new[] { Guid.CreateVersion7().ToString(), id, email, Body, now }) command.Parameters.AddWithValue(value);
                    await command.ExecuteNonQueryAsync();
                }
                await transaction.CommitAsync();
                n++;
            }
            Interlocked.Add(ref total, n);
        }));
        return total / watch.Elapsed.TotalSeconds;
    }
}
