using ConsultDesk.Common;
using ConsultDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConsultDesk.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the model for PostgreSQL without a server.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ConsultDeskDbContext>
{
    public ConsultDeskDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ConsultDeskDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Postgres, "Host=localhost;Database=consultdesk_design;Username=consultdesk");
        return new ConsultDeskDbContext(builder.Options);
    }
}
