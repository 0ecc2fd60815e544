using System.Data.Common;
using ConsultDesk.Data;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Operations;

/// <summary>
/// SQLite's write-ahead log: copied into the database file by the app's own checkpointer (not by the commit that crosses
/// SQLite's mark), and the outbox's repeatable writes skip their own flush only inside their scope.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteWriteAheadLogTests(SqliteApp app)
{
    [Fact]
    public async Task The_checkpointer_copies_the_log_into_the_database_file_well_before_sqlites_own_mark()
    {
        var file = await app.WithDbAsync(db => Task.FromResult(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource));
        // A few pages of log, far below the automatic checkpoint's mark (8,000 pages): only the checkpointer copies them.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE "WalProbe" ("Value" INTEGER NOT NULL);
            INSERT INTO "WalProbe" VALUES (1), (2), (3);
            """));
        try
        {
            // Read as immutable, SQLite ignores the log and sees only what the database file holds.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            long inFile;
            while ((inFile = await RowsInTheFileAsync(file)) < 3 && DateTime.UtcNow < deadline) await Task.Delay(100);

            Assert.Equal(3, inFile);
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DROP TABLE "WalProbe";"""));
        }
    }

    private static async Task<long> RowsInTheFileAsync(string file)
    {
        try
        {
            await using var connection = new SqliteConnection($"Data Source=file:{file}?immutable=1;Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT count(*) FROM "WalProbe";""";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0;  // not copied yet (no such table), or read while the checkpoint was writing
        }
    }

    [Fact]
    public async Task Repeatable_writes_skip_their_own_flush_only_inside_their_scope()
    {
        var (inside, after) = await app.WithDbAsync(async db =>
        {
            long insideScope;
            await using (await RepeatableWrites.BeginAsync(db, CancellationToken.None))
                insideScope = await SynchronousAsync(db.Database.GetDbConnection());
            await db.Database.OpenConnectionAsync();
            try
            {
                return (insideScope, await SynchronousAsync(db.Database.GetDbConnection()));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal(1, inside);  // NORMAL
        Assert.Equal(2, after);   // FULL
    }

    private static async Task<long> SynchronousAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
