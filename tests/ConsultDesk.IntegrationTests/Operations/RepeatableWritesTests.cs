using System.Data.Common;
using ConsultDesk.Data;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Operations;

/// <summary>On SQLite the outbox's repeatable writes skip their own flush only inside their scope.</summary>
[Collection(SqliteCollection.Name)]
public sealed class RepeatableWritesTests(SqliteApp app)
{
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
