using ConsultDesk.Common;
using ConsultDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConsultDesk.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model for SQLite without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ConsultDeskDbContext>
{
    public ConsultDeskDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ConsultDeskDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new ConsultDeskDbContext(builder.Options);
    }
}
