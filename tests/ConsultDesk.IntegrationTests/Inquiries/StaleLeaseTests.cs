using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConsultDesk.IntegrationTests.Inquiries;

/// <summary>
/// An outbox row leased by a process that died: on SQLite (one process per file) the restarted app releases it at
/// startup and sends it at once; on PostgreSQL another node may still be sending it, so it waits out its lease.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class StaleLeaseTests
{
    private static Dictionary<string, string> Settings(string dataDirectory, bool runServer, string? postgres = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConsultDesk:DataDirectory"] = dataDirectory,
            ["ConsultDesk:Mail:Transport"] = "Smtp",
            ["ConsultDesk:Mail:Smtp:Host"] = TestEnvironment.SmtpHost,
            ["ConsultDesk:Mail:Smtp:Port"] = TestEnvironment.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["ConsultDesk:Jobs:RunServer"] = runServer ? "true" : "false",
            ["ConsultDesk:Jobs:SchedulePollingInterval"] = "00:00:01",
            ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (postgres is not null)
        {
            settings["ConsultDesk:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:ConsultDesk"] = postgres;
        }
        return settings;
    }

    private static async Task<string> SubmitAsync(AppProcess app, string email)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private const string LeaseAll = "UPDATE \"OutboxMails\" SET \"LeasedUntil\" = @until, \"LeaseOwner\" = @owner WHERE \"Status\" = 'pending'";

    [Fact]
    public async Task A_row_leased_by_a_dead_process_is_sent_right_after_startup_on_sqlite_but_waits_for_its_lease_on_postgres()
    {
        // SQLite: the first process (no job server) commits the case and its mail, then "dies" holding a lease of a day.
        var data = Directory.CreateTempSubdirectory("consultdesk-lease-").FullName;
        var stranded = Infrastructure.Inquiries.UniqueEmail("lease-sqlite");
        await using (var dead = await AppProcess.StartAsync(Settings(data, runServer: false)))
        {
            await SubmitAsync(dead, stranded);
            dead.Kill();
        }
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "consultdesk.db")};Pooling=False"))
        {
            connection.Open();
            await using var lease = connection.CreateCommand();
            lease.CommandText = LeaseAll;
            lease.Parameters.AddWithValue("@until", DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            lease.Parameters.AddWithValue("@owner", Guid.NewGuid().ToString().ToUpperInvariant());
            Assert.Equal(1, await lease.ExecuteNonQueryAsync());
        }
        await using (await AppProcess.StartAsync(Settings(data, runServer: true)))
        {
            // Within the 30 seconds the issue allows after the restart (the lease itself would hold it for a day).
            var mails = await SmtpSink.WaitForAsync([stranded], TimeSpan.FromSeconds(30));
            Assert.Single(mails);
        }

        // PostgreSQL: an HTTP-only node commits the mail and holds a lease of a day; a job node started next to it
        // sends later mail but leaves the leased row alone until the lease lapses.
        var database = $"consultdesk_lease_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var postgres = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString) { Database = database }.ToString();
        try
        {
            var held = Infrastructure.Inquiries.UniqueEmail("lease-pg");
            await using (var httpOnly = await AppProcess.StartAsync(Settings(Directory.CreateTempSubdirectory("consultdesk-lease-").FullName, runServer: false, postgres)))
            {
                await SubmitAsync(httpOnly, held);
                await using (var connection = new NpgsqlConnection(postgres))
                {
                    await connection.OpenAsync();
                    await using var lease = new NpgsqlCommand(LeaseAll, connection);
                    lease.Parameters.AddWithValue("until", DateTime.UtcNow.AddDays(1));
                    lease.Parameters.AddWithValue("owner", Guid.NewGuid());
                    Assert.Equal(1, await lease.ExecuteNonQueryAsync());
                }
                await using var jobNode = await AppProcess.StartAsync(Settings(Directory.CreateTempSubdirectory("consultdesk-lease-").FullName, runServer: true, postgres));
                var later = Infrastructure.Inquiries.UniqueEmail("lease-pg-later");
                await SubmitAsync(jobNode, later);
                Assert.Single(await SmtpSink.WaitForAsync([later], TimeSpan.FromSeconds(30)));
                Assert.Empty(SmtpSink.MessagesTo([held]));
                await using var connectionAfter = new NpgsqlConnection(postgres);
                await connectionAfter.OpenAsync();
                await using var check = new NpgsqlCommand("SELECT count(*) FROM \"OutboxMails\" WHERE \"Status\" = 'pending' AND \"LeasedUntil\" IS NOT NULL", connectionAfter);
                Assert.Equal(1L, await check.ExecuteScalarAsync());
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
