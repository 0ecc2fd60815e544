using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ConsultDesk.Bench;

/// <summary>
/// The HTTP floor of intake: Kestrel on this machine answering POST /api/v1/inquiries with the least work that still
/// does what a 201 promises. It parses the same JSON body the intake clients send, then inserts the case-sized row and
/// its outbox row in one transaction at the app's durability (SQLite: one writer on a WAL file with synchronous=FULL;
/// PostgreSQL: one pooled connection per request, the server's fsync and synchronous commit) and answers 201 with the
/// reference. No validation, no mediator, no rate limiting, no templates: what the app adds on top is its own cost.
/// Usage: http-floor --provider sqlite --data DIR | --provider postgres --connection CS; --port P (serves until killed).
/// </summary>
public static class HttpFloor
{
    private sealed record Body(string? InquirerType, BodyContact? Contact, string? PrefectureCode, string? Subject, string? Message, bool? PrivacyConsent);

    private sealed record BodyContact(string? FamilyName, string? GivenName, string? FamilyNameKana, string? GivenNameKana, string? Email);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task ServeAsync(Arguments arguments)
    {
        var provider = arguments.Get("provider", "sqlite");
        var port = arguments.GetInt("port", 5399);
        await using var store = provider == "postgres"
            ? (IFloorStore)await PostgresStore.CreateAsync(arguments.Get("connection", ""))
            : SqliteStore.Create(arguments.Get("data", Directory.CreateTempSubdirectory("consultdesk-http-floor-").FullName));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var sequence = 0L;
        app.MapPost("/api/v1/inquiries", async (HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<Body>(http.Request.Body, Json, http.RequestAborted);
            if (body?.Contact?.Email is not { Length: > 0 } email || body.Subject is null || body.Message is null || body.PrivacyConsent != true)
                return (IResult)TypedResults.BadRequest();
            var reference = $"CD-2099-{Interlocked.Increment(ref sequence):D7}";
            await store.InsertAsync(reference, email, body.Subject, body.Message, http.RequestAborted);
            return TypedResults.Created($"/api/v1/cases/{reference}", new { reference, status = "new", submittedAt = DateTime.UtcNow });
        });
        app.MapGet("/health/ready", () => "ok");
        await app.StartAsync();
        Console.WriteLine($"http floor ({provider}) listening on 127.0.0.1:{port}");
        await app.WaitForShutdownAsync();
    }

    private interface IFloorStore : IAsyncDisposable
    {
        Task InsertAsync(string reference, string email, string subject, string message, CancellationToken cancellationToken);
    }

    private sealed class SqliteStore(SqliteConnection connection, SqliteCommand insertCase, SqliteCommand insertOutbox) : IFloorStore
    {
        private readonly SemaphoreSlim writer = new(1, 1);

        public static SqliteStore Create(string folder)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "http-floor.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            Floors.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Floors.Execute(connection, Floors.CaseTable);
            var insertCase = connection.CreateCommand();
            insertCase.CommandText = Floors.InsertCase;
            var insertOutbox = connection.CreateCommand();
            insertOutbox.CommandText = Floors.InsertOutbox;
            for (var i = 1; i <= 5; i++)
            {
                insertCase.Parameters.Add(new SqliteParameter($"${i}", ""));
                insertOutbox.Parameters.Add(new SqliteParameter($"${i}", ""));
            }
            return new SqliteStore(connection, insertCase, insertOutbox);
        }

        public async Task InsertAsync(string reference, string email, string subject, string message, CancellationToken cancellationToken)
        {
            // One writer at a time, as SQLite allows and as the app queues its writes.
            await writer.WaitAsync(cancellationToken);
            try
            {
                using var transaction = connection.BeginTransaction();
                insertCase.Transaction = insertOutbox.Transaction = transaction;
                var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
                var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                Floors.Bind(insertCase, id, reference, email, message + Floors.Message, now);
                insertCase.ExecuteNonQuery();
                Floors.Bind(insertOutbox, Guid.CreateVersion7().ToString().ToUpperInvariant(), id, email, subject + Floors.Body, now);
                insertOutbox.ExecuteNonQuery();
                transaction.Commit();
            }
            finally
            {
                writer.Release();
            }
        }

        public ValueTask DisposeAsync()
        {
            insertCase.Dispose();
            insertOutbox.Dispose();
            connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresStore(NpgsqlDataSource source) : IFloorStore
    {
        public static async Task<PostgresStore> CreateAsync(string connectionString)
        {
            var source = NpgsqlDataSource.Create(connectionString);
            await using var setup = await source.OpenConnectionAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS floor_cases, floor_outbox", setup);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand(Floors.CaseTable, setup);
            await create.ExecuteNonQueryAsync();
            return new PostgresStore(source);
        }

        public async Task InsertAsync(string reference, string email, string subject, string message, CancellationToken cancellationToken)
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var id = Guid.CreateVersion7().ToString();
            var now = DateTime.UtcNow.ToString("O");
            await using (var command = new NpgsqlCommand(Floors.InsertCase, connection, transaction))
            {
                foreach (var value in new[] { id, reference, email, message + Floors.Message, now }) command.Parameters.AddWithValue(value);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var command = new NpgsqlCommand(Floors.InsertOutbox, connection, transaction))
            {
                foreach (var value in new[] { Guid.CreateVersion7().ToString(), id, email, subject + Floors.Body, now }) command.Parameters.AddWithValue(value);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => source.DisposeAsync();
    }
}
