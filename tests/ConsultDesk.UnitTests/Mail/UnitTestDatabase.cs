using ConsultDesk.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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

    public ConsultDeskDbContext NewContext() =>
        new(new DbContextOptionsBuilder<ConsultDeskDbContext>()
            .UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly))
            .Options);

    public void Dispose() => connection.Dispose();
}
