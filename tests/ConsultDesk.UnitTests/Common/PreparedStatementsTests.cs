using ConsultDesk.Data;
using Npgsql;

namespace ConsultDesk.UnitTests.Common;

public sealed class PreparedStatementsTests
{
    [Fact]
    public void A_connection_string_without_its_own_setting_prepares_the_statements_used_twice()
    {
        var prepared = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPreparedStatements("Host=db;Database=consultdesk;Username=app;Password=secret"));

        Assert.Equal(100, prepared.MaxAutoPrepare);
        Assert.Equal(2, prepared.AutoPrepareMinUsages);
        Assert.Equal("secret", prepared.Password);
        Assert.Equal("db", prepared.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=0")]
    public void An_operator_setting_is_kept_as_written(string connectionString) =>
        Assert.Equal(connectionString, DatabaseSetup.WithPreparedStatements(connectionString));
}
