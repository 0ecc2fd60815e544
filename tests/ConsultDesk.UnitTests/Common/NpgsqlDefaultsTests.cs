using ConsultDesk.Data;
using Npgsql;

namespace ConsultDesk.UnitTests.Common;

public sealed class NpgsqlDefaultsTests
{
    [Fact]
    public void A_connection_string_without_its_own_settings_prepares_the_statements_used_twice_and_skips_the_session_reset()
    {
        var prepared = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithNpgsqlDefaults("Host=db;Database=consultdesk;Username=app;Password=secret"));

        Assert.Equal(100, prepared.MaxAutoPrepare);
        Assert.Equal(2, prepared.AutoPrepareMinUsages);
        Assert.True(prepared.NoResetOnClose);
        Assert.Equal("secret", prepared.Password);
        Assert.Equal("db", prepared.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;noresetonclose=false")]
    public void Operator_settings_are_kept_as_written(string connectionString) =>
        Assert.Equal(connectionString, DatabaseSetup.WithNpgsqlDefaults(connectionString));

    [Fact]
    public void An_operator_setting_of_one_keeps_the_other_default()
    {
        var prepared = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithNpgsqlDefaults("Host=db;Max Auto Prepare=0"));

        Assert.Equal(0, prepared.MaxAutoPrepare);
        Assert.True(prepared.NoResetOnClose);
    }
}
