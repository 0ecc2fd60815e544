using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Reporting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConsultDesk.Bench;

/// <summary>
/// Bulk-loads generated cases into a database the app has already migrated: Cases, CaseTopics, CaseSearchDocuments
/// (SQLite's FTS5 triggers index them), TimelineEntries, CaseReportRows when that table exists, and the reference
/// sequences so later intakes continue the numbering. Secondary indexes are dropped for the load and rebuilt after.
/// SQLite: one transaction per 10k cases with prepared statements; PostgreSQL: COPY (csv) per table per batch.
/// </summary>
public static class Seeder
{
    private const int BatchSize = 10_000;
    private static readonly string[] Tables = ["Cases", "CaseTopics", "CaseSearchDocuments", "OpenCaseSearchDocuments", "TimelineEntries", "CaseReportRows"];
    private static readonly BusinessCalendar Calendar = BusinessCalendar.LoadEmbedded();

    private static readonly (string Name, Func<Case, object?> Value)[] CaseColumns =
    [
        ("Id", c => c.Id), ("Reference", c => c.Reference), ("Status", c => Wire.Name(c.Status)), ("Source", c => Wire.Name(c.Source)),
        ("Language", c => Wire.Name(c.Language)), ("SubmittedAt", c => c.SubmittedAt), ("UpdatedAt", c => c.UpdatedAt), ("Version", c => c.Version),
        ("InquirerType", c => Wire.Name(c.InquirerType)), ("OrganizationName", c => c.OrganizationName), ("OrganizationNameKana", c => c.OrganizationNameKana),
        ("Department", c => c.Department), ("LocalGovernmentCode", c => c.LocalGovernmentCode), ("Industry", c => c.Industry), ("Employees", c => c.Employees),
        ("FamilyName", c => c.FamilyName), ("GivenName", c => c.GivenName), ("FamilyNameKana", c => c.FamilyNameKana), ("GivenNameKana", c => c.GivenNameKana),
        ("Email", c => c.Email), ("EmailNormalized", c => c.EmailNormalized), ("EmailKey", c => c.EmailKey), ("Phone", c => c.Phone), ("Title", c => c.Title),
        ("PrefectureCode", c => c.PrefectureCode), ("TopicMask", c => c.TopicMask), ("PreferredChannel", c => Wire.Name(c.PreferredChannel)), ("PreferredSlots", _ => "[]"),
        ("Subject", c => c.Subject), ("Message", c => c.Message), ("PrivacyConsentAt", c => c.PrivacyConsentAt), ("AssigneeId", c => c.AssigneeId),
        ("FirstResponseDueAt", c => c.FirstResponseDueAt), ("ResolutionDueAt", c => c.ResolutionDueAt), ("FirstRespondedAt", c => c.FirstRespondedAt),
        ("ResolvedAt", c => c.ResolvedAt), ("ClosedAt", c => c.ClosedAt), ("CloseReason", c => c.CloseReason is { } r ? Wire.Name(r) : null),
        ("StatusBeforeWaiting", c => c.StatusBeforeWaiting is { } s ? Wire.Name(s) : null), ("WaitingSince", c => c.WaitingSince),
        ("MergedIntoId", c => c.MergedIntoId), ("DueAt", c => c.DueAt),
    ];

    public static async Task RunAsync(Arguments arguments)
    {
        var provider = arguments.Get("provider", "sqlite");
        var connectionString = arguments.Get("connection", "");
        var count = arguments.GetInt("count", 10_000);
        var consultants = arguments.Get("assignees", "") is { Length: > 0 } file
            ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(Guid.Parse).ToList()
            : [];
        var watch = Stopwatch.StartNew();
        await using var sink = await OpenSinkAsync(provider, connectionString);

        var reportColumns = await sink.ColumnsAsync("CaseReportRows");
        var report = reportColumns.Count == 0 ? null : ReportRow.Columns(reportColumns);
        Console.WriteLine(report is null ? "CaseReportRows does not exist here: skipped" : $"CaseReportRows: writing {string.Join(", ", report)}");
        var indexes = await sink.DropSecondaryIndexesAsync(Tables);

        // Generation runs on its own thread, one batch ahead of the writer: the two cores each get one.
        var factory = new CaseFactory(count, consultants);
        var batches = Channel.CreateBounded<List<SeededCase>>(2);
        var generating = new Stopwatch();
        var writing = new Stopwatch();
        var producer = Task.Run(async () =>
        {
            for (var start = 0; start < count; start += BatchSize)
            {
                generating.Start();
                var batch = new List<SeededCase>(Math.Min(BatchSize, count - start));
                for (var i = start; i < Math.Min(count, start + BatchSize); i++) batch.Add(factory.Create(i));
                generating.Stop();
                await batches.Writer.WriteAsync(batch);
            }
            batches.Writer.Complete();
        });
        var sample = new List<string>();
        // Cases the exact-lookup phase looks up: email, phone (when the case has one) and reference, tab-separated.
        var lookups = new List<string>();
        var sampleRandom = new Random(7);
        var written = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync())
        {
            writing.Start();
            var tables = new List<TableRows>
            {
                new("Cases", [.. CaseColumns.Select(c => c.Name)], batch.Select(s => CaseColumns.Select(c => c.Value(s.Case)).ToArray()).ToList()),
                new("CaseTopics", ["CaseId", "Topic"], batch.SelectMany(s => s.Case.Topics.Select(t => new object?[] { t.CaseId, t.Topic })).ToList()),
                new("CaseSearchDocuments", ["Id", "CaseId", "Tokens", "Text"], batch.Select(s => new object?[] { s.Search.Id, s.Search.CaseId, s.Search.Tokens, s.Search.Text }).ToList()),
                // The copy of the open cases' documents, which the app's triggers keep (they are off during the load).
                new("OpenCaseSearchDocuments", ["Id", "CaseId", "Tokens", "Text", "DueAt", "Reference"], batch.Where(s => CaseLifecycle.IsOpen(s.Case.Status))
                    .Select(s => new object?[] { s.Search.Id, s.Search.CaseId, s.Search.Tokens, s.Search.Text, s.Case.DueAt, s.Case.Reference }).ToList()),
                new("TimelineEntries", ["Id", "CaseId", "At", "Type", "ActorId", "Content"],
                    batch.SelectMany(s => s.Case.Timeline.Select(e => new object?[] { e.Id, e.CaseId, e.At, e.Type, e.ActorId, e.Content })).ToList()),
            };
            if (report is not null) tables.Add(new("CaseReportRows", report, batch.Select(s => ReportRow.Values(s, report)).ToList()));
            await sink.WriteAsync(tables);
            writing.Stop();
            written += batch.Count;
            foreach (var s in batch)
            {
                if (sample.Count < 2000 ? sampleRandom.NextDouble() < 4000.0 / count : false) sample.Add(s.Case.Reference);
                if (lookups.Count < 1000 && sampleRandom.NextDouble() < 2000.0 / count) lookups.Add($"{s.Case.Email}\t{s.Case.Phone}\t{s.Case.Reference}");
            }
            if (written % 100_000 == 0) Console.WriteLine($"  {written} cases in {watch.Elapsed.TotalSeconds:F0} s");
        }
        await producer;
        var loaded = watch.Elapsed;
        Console.WriteLine($"loaded {count} cases in {loaded.TotalSeconds:F1} s (generating {generating.Elapsed.TotalSeconds:F1} s, writing {writing.Elapsed.TotalSeconds:F1} s); rebuilding {indexes.Count} indexes");
        await sink.RestoreIndexesAsync(indexes);
        await sink.SetReferenceSequencesAsync(factory.LastSequenceByYear);
        // The flow and speed reports' summaries, as the app's migrations and rebuild fill them from the report rows.
        if (report is not null && (await sink.ColumnsAsync("FlowDayCounts")).Count > 0)
            await sink.ExecuteAsync(ConsultDesk.Features.Reports.FlowDayCounts.FillFromReportRowsSql);
        if (report is not null && (await sink.ColumnsAsync("SpeedCells")).Count > 0)
            await sink.ExecuteAsync(ConsultDesk.Features.Reports.SpeedSummary.FillFromReportRowsSql);
        await sink.AnalyzeAsync();
        if (arguments.Get("references-out", "") is { Length: > 0 } referencesOut)
        {
            await File.WriteAllLinesAsync(referencesOut, sample.Count > 0 ? sample : ["CD-2023-000001"]);
            await File.WriteAllLinesAsync(HttpLoad.LookupsPath(referencesOut), lookups);
        }
        Console.WriteLine($"seeded {count} cases into {provider} in {watch.Elapsed.TotalSeconds:F1} s (load {loaded.TotalSeconds:F1} s)");
        Results.Write(arguments, "seed time", watch.Elapsed.TotalSeconds, "s", new { load = loaded.TotalSeconds, count });
    }

    internal sealed record TableRows(string Table, IReadOnlyList<string> Columns, List<object?[]> Rows);

    /// <summary>
    /// The reporting row the app keeps beside each case, computed by the app's own <see cref="CaseReportRow"/> (desk
    /// time on the real calendar) with the milestones the generated history reached.
    /// </summary>
    private static class ReportRow
    {
        private static readonly Dictionary<string, Func<CaseReportRow, object?>> Known = new(StringComparer.Ordinal)
        {
            ["CaseId"] = r => r.CaseId,
            ["SubmittedAt"] = r => r.SubmittedAt,
            ["SubmittedOn"] = r => r.SubmittedOn,
            ["InquirerType"] = r => Wire.Name(r.InquirerType),
            ["PrefectureCode"] = r => r.PrefectureCode,
            ["TopicMask"] = r => r.TopicMask,
            ["AssigneeId"] = r => r.AssigneeId,
            ["Status"] = r => Wire.Name(r.Status),
            ["DueAt"] = r => r.DueAt,
            ["FirstRespondedAt"] = r => r.FirstRespondedAt,
            ["FirstResponseQuarterHours"] = r => r.FirstResponseQuarterHours,
            ["FirstResponseMet"] = r => r.FirstResponseMet,
            ["ResolvedAt"] = r => r.ResolvedAt,
            ["ResolvedOn"] = r => r.ResolvedOn,
            ["ResolutionQuarterHours"] = r => r.ResolutionQuarterHours,
            ["ResolutionMet"] = r => r.ResolutionMet,
            ["ClosedAt"] = r => r.ClosedAt,
            ["ClosedOn"] = r => r.ClosedOn,
            ["FinishedOn"] = r => r.FinishedOn,
            ["Milestones"] = r => r.Milestones,
        };

        public static List<string> Columns(IReadOnlyList<(string Name, bool Required)> existing)
        {
            var unknown = existing.Where(c => c.Required && !Known.ContainsKey(c.Name)).Select(c => c.Name).ToList();
            if (unknown.Count > 0) throw new InvalidOperationException($"CaseReportRows has required columns the seeder does not know: {string.Join(", ", unknown)}");
            return existing.Select(c => c.Name).Where(Known.ContainsKey).ToList();
        }

        public static object?[] Values(SeededCase s, IReadOnlyList<string> columns)
        {
            var row = CaseReportRow.For(s.Case, Calendar);
            row.Reach(s.Milestones);
            return columns.Select(c => Known[c](row)).ToArray();
        }
    }

    /// <summary>Opens the bulk writer for a provider (the declaration seeder uses it too).</summary>
    internal static async Task<ISink> OpenSinkAsync(string provider, string connectionString) =>
        provider == "postgres" ? await PostgresSink.OpenAsync(connectionString) : SqliteSink.Open(connectionString);

    internal interface ISink : IAsyncDisposable
    {
        Task<IReadOnlyList<(string Name, bool Required)>> ColumnsAsync(string table);
        Task<IReadOnlyList<string>> DropSecondaryIndexesAsync(IReadOnlyList<string> tables);
        Task WriteAsync(IReadOnlyList<TableRows> tables);
        Task RestoreIndexesAsync(IReadOnlyList<string> definitions);
        Task SetReferenceSequencesAsync(IReadOnlyDictionary<int, long> lastByYear);
        Task AnalyzeAsync();
        Task ExecuteAsync(string sql);
    }

    private sealed class SqliteSink(SqliteConnection connection) : ISink
    {
        private readonly Dictionary<string, SqliteCommand> inserts = [];
        private readonly List<(string Name, string Sql)> triggers = [];
        private readonly List<string> ftsTables = [];

        public static SqliteSink Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            // The load itself need not survive a power cut: the file is thrown away if seeding fails.
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;");
            return new SqliteSink(connection);
        }

        public Task<IReadOnlyList<(string Name, bool Required)>> ColumnsAsync(string table)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, \"notnull\", dflt_value FROM pragma_table_info('{table}')";
            using var reader = command.ExecuteReader();
            var columns = new List<(string, bool)>();
            while (reader.Read()) columns.Add((reader.GetString(0), reader.GetInt64(1) == 1 && reader.IsDBNull(2)));
            return Task.FromResult<IReadOnlyList<(string, bool)>>(columns);
        }

        public Task<IReadOnlyList<string>> DropSecondaryIndexesAsync(IReadOnlyList<string> tables)
        {
            var definitions = new List<(string Name, string Sql)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(",", tables.Select(t => $"'{t}'"))})";
                using var reader = command.ExecuteReader();
                while (reader.Read()) definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (name, _) in definitions) Execute(connection, $"DROP INDEX \"{name}\"");
            // The FTS5 index is fed by triggers row by row; one rebuild after the load is several times cheaper.
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({string.Join(",", tables.Select(t => $"'{t}'"))})";
                using var reader = command.ExecuteReader();
                while (reader.Read()) triggers.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (name, _) in triggers) Execute(connection, $"DROP TRIGGER \"{name}\"");
            // The external-content FTS5 tables over these tables, rebuilt once after the load.
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' AND ({string.Join(" OR ", tables.Select(t => $"sql LIKE '%content=''{t}''%'"))})";
                using var reader = command.ExecuteReader();
                while (reader.Read()) ftsTables.Add(reader.GetString(0));
            }
            return Task.FromResult<IReadOnlyList<string>>(definitions.Select(d => d.Sql).ToList());
        }

        public Task WriteAsync(IReadOnlyList<TableRows> tables)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var table in tables)
            {
                var command = Insert(table);
                command.Transaction = transaction;
                foreach (var row in table.Rows)
                {
                    for (var i = 0; i < row.Length; i++) command.Parameters[i].Value = Value(row[i]);
                    command.ExecuteNonQuery();
                }
            }
            transaction.Commit();
            return Task.CompletedTask;
        }

        private SqliteCommand Insert(TableRows table)
        {
            if (inserts.TryGetValue(table.Table, out var command)) return command;
            command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table.Table}\" ({string.Join(",", table.Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(",", table.Columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < table.Columns.Count; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            return inserts[table.Table] = command;
        }

        // As EF Core's SQLite provider stores them: upper-case GUID text, "yyyy-MM-dd HH:mm:ss.FFFFFFF", booleans 0/1.
        private static object Value(object? value) => value switch
        {
            null => DBNull.Value,
            Guid g => g.ToString().ToUpperInvariant(),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            bool b => b ? 1L : 0L,
            _ => value,
        };

        public Task RestoreIndexesAsync(IReadOnlyList<string> definitions)
        {
            foreach (var sql in definitions) Execute(connection, sql);
            foreach (var (_, sql) in triggers) Execute(connection, sql);
            // A rebuild leaves each index in several big segments, whose merge later writes would carry (intake p95 134–176
            // ms at 10^6 against 91–100 after the merge); a desk that has run for a while has had them merged by its
            // nightly job (MergeSearchIndexes), so the seeded database starts as that job leaves it.
            foreach (var fts in ftsTables) Execute(connection, $"INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('rebuild'); INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('optimize')");
            return Task.CompletedTask;
        }

        public Task SetReferenceSequencesAsync(IReadOnlyDictionary<int, long> lastByYear)
        {
            foreach (var (year, last) in lastByYear)
                Execute(connection, $"INSERT INTO \"ReferenceSequences\" (\"Year\", \"LastValue\") VALUES ({year}, {last}) ON CONFLICT (\"Year\") DO UPDATE SET \"LastValue\" = MAX(\"LastValue\", excluded.\"LastValue\")");
            return Task.CompletedTask;
        }

        public Task AnalyzeAsync()
        {
            Execute(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
            return Task.CompletedTask;
        }

        public Task ExecuteAsync(string sql)
        {
            Execute(connection, sql);
            return Task.CompletedTask;
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        public ValueTask DisposeAsync()
        {
            foreach (var command in inserts.Values) command.Dispose();
            connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresSink(NpgsqlConnection connection) : ISink
    {
        public static async Task<PostgresSink> OpenAsync(string connectionString)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ToString());
            await connection.OpenAsync();
            await ExecuteAsync(connection, "SET synchronous_commit = off; SET maintenance_work_mem = '1GB'");
            return new PostgresSink(connection);
        }

        public async Task<IReadOnlyList<(string Name, bool Required)>> ColumnsAsync(string table)
        {
            await using var command = new NpgsqlCommand("SELECT column_name, is_nullable = 'NO' AND column_default IS NULL FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position", connection);
            command.Parameters.AddWithValue(table);
            await using var reader = await command.ExecuteReaderAsync();
            var columns = new List<(string, bool)>();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetBoolean(1)));
            return columns;
        }

        public async Task<IReadOnlyList<string>> DropSecondaryIndexesAsync(IReadOnlyList<string> tables)
        {
            // Indexes that back a constraint (primary keys) stay; the rest are rebuilt in one pass after the load.
            await using var command = new NpgsqlCommand("""
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
                """, connection);
            command.Parameters.AddWithValue(tables.ToArray());
            var definitions = new List<(string Name, string Sql)>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) definitions.Add((reader.GetString(0), reader.GetString(1)));
            foreach (var (name, _) in definitions) await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
            // The app's triggers (the copy of open cases' documents) are off during the load: the seeder writes that copy itself.
            loaded = tables;
            foreach (var table in tables) await ExecuteAsync(connection, $"ALTER TABLE IF EXISTS \"{table}\" DISABLE TRIGGER USER");
            return definitions.Select(d => d.Sql).ToList();
        }

        private IReadOnlyList<string> loaded = [];

        public async Task WriteAsync(IReadOnlyList<TableRows> tables)
        {
            var line = new StringBuilder();
            foreach (var table in tables)
            {
                await using var writer = await connection.BeginTextImportAsync(
                    $"COPY \"{table.Table}\" ({string.Join(",", table.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT csv)");
                foreach (var row in table.Rows)
                {
                    line.Clear();
                    for (var i = 0; i < row.Length; i++)
                    {
                        if (i > 0) line.Append(',');
                        Append(line, row[i]);
                    }
                    line.Append('\n');
                    await writer.WriteAsync(line);
                }
            }
        }

        // CSV: an unquoted empty field is NULL, a quoted one the empty string.
        private static void Append(StringBuilder line, object? value)
        {
            switch (value)
            {
                case null: return;
                case Guid g: line.Append(g.ToString("D")); return;
                case DateTime d: line.Append(d.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture)); return;
                case bool b: line.Append(b ? 't' : 'f'); return;
                case int or long: line.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); return;
                default:
                    line.Append('"').Append(Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                    return;
            }
        }

        public async Task RestoreIndexesAsync(IReadOnlyList<string> definitions)
        {
            foreach (var sql in definitions) await ExecuteAsync(connection, sql);
            foreach (var table in loaded) await ExecuteAsync(connection, $"ALTER TABLE IF EXISTS \"{table}\" ENABLE TRIGGER USER");
        }

        public async Task SetReferenceSequencesAsync(IReadOnlyDictionary<int, long> lastByYear)
        {
            foreach (var (year, last) in lastByYear)
                await ExecuteAsync(connection, $"INSERT INTO \"ReferenceSequences\" (\"Year\", \"LastValue\") VALUES ({year}, {last}) ON CONFLICT (\"Year\") DO UPDATE SET \"LastValue\" = GREATEST(\"ReferenceSequences\".\"LastValue\", excluded.\"LastValue\")");
        }

        public Task AnalyzeAsync() => ExecuteAsync(connection, "VACUUM ANALYZE");

        public Task ExecuteAsync(string sql) => ExecuteAsync(connection, sql);

        private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
