using ConsultDesk.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultDesk.UnitTests.Mail;

/// <summary>A private in-memory SQLite database with the real migrations applied; alive while the connection is open.</summary>
public sealed class UnitTestDatabase : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public UnitTestDatabase()
    {
        connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
    }

    /// <summary>A context on this database; with interceptors (say <see cref="SignalAfterCommit"/>) as the app registers them.</summary>
    public ConsultDeskDbContext NewContext(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<ConsultDeskDbContext>()
            .UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly))
            .AddInterceptors(interceptors)
            .Options);

    public void Dispose() => connection.Dispose();
}
