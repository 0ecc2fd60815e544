using System.Net;
using ConsultDesk.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// The real app on Kestrel (loopback, random port) with a fresh database of the given provider, mailing the real
/// SMTP sink. One host per test collection: Hangfire keeps process-wide state, so hosts never overlap.
/// </summary>
public class ConsultDeskAppFactory(string provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("consultdesk-it-").FullName;
    private string? postgresDatabase;

    public const string AdminEmail = "admin@consultdesk.test";
    public const string AdminPassword = "Bootstrap-Admin-2026";

    public string Provider => provider;
    public string ConnectionString { get; private set; } = "";
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Settings a derived fixture changes (rate limits, fill time, ...).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        if (provider == "Postgres")
        {
            postgresDatabase = $"consultdesk_it_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{postgresDatabase}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString)
            {
                Database = postgresDatabase,
                MaxPoolSize = 60,
                // The 200-concurrent intake test queues most requests for a pooled connection; on a loaded CI machine
                // the default 15 s wait ran out and answered 503 (retryable, but not what that test is about).
                Timeout = 60,
            }.ToString();
        }
        else
        {
            ConnectionString = DatabaseSetup.DefaultSqliteConnectionString(dataDirectory);
        }

        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        using var client = CreateClient();
        var ready = await client.GetAsync("/health/ready");
        ready.EnsureSuccessStatusCode();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConsultDesk:DataDirectory"] = dataDirectory,
            ["ConsultDesk:Database:Provider"] = provider,
            ["ConnectionStrings:ConsultDesk"] = ConnectionString,
            ["ConsultDesk:Mail:Transport"] = "Smtp",
            ["ConsultDesk:Mail:Smtp:Host"] = TestEnvironment.SmtpHost,
            ["ConsultDesk:Mail:Smtp:Port"] = TestEnvironment.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConsultDesk:Mail:Outbox:SweepCron"] = "* * * * *",
            ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "100000",
            ["ConsultDesk:Auth:SignInsPerIpPerMinute"] = "100000",
            ["ConsultDesk:Portal:BadTokensPerIpPer10Minutes"] = "100000",
            ["ConsultDesk:Portal:LinkRequestsPerIpPerHour"] = "100000",
            ["ConsultDesk:Forms:MinimumFillTime"] = "00:00:01",
            ["ConsultDesk:RateLimiting:LookupsPerIpPerMinute"] = "100000",
            // info: link checker — its tests reach their own HTTP server on loopback and wait at most a second for it.
            ["ConsultDesk:Info:LinkCheck:AllowPrivateAddresses"] = "true",
            ["ConsultDesk:Info:LinkCheck:TimeoutSeconds"] = "1",
            ["ConsultDesk:Bootstrap:AdminEmail"] = AdminEmail,
            ["ConsultDesk:Bootstrap:AdminPassword"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Overrides) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public async Task<T> WithDbAsync<T>(Func<ConsultDeskDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>());
    }

    public Task<int> CountCasesAsync() => WithDbAsync(db => db.Cases.CountAsync());

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { /* a file may still be held briefly; it is a temp folder */ }
    }
}

public sealed class SqliteApp() : ConsultDeskAppFactory("Sqlite");

public sealed class PostgresApp() : ConsultDeskAppFactory("Postgres");

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "app on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "app on PostgreSQL";
}
