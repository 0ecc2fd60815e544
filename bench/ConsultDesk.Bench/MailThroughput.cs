using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConsultDesk.Bench;

/// <summary>
/// Outbox delivery against a plain MailKit loop, both to the same SMTP server: the floor sends prebuilt messages over
/// one connection; the outbox run is the app's own dispatcher (claim with a lease, send, record each result on a
/// SQLite file with synchronous=FULL) draining rows already committed.
/// </summary>
public static class MailThroughput
{
    private const string Body = "髙橋 一郎 様\n\nお問い合わせを受け付けました。①②③ ㈱ 𠮷野家\n受付番号：CD-2026-000001\n\n地方創生テレワーク相談窓口\n";

    public static async Task RunAsync(Arguments arguments)
    {
        var host = arguments.Get("smtp-host", "127.0.0.1");
        var port = arguments.GetInt("smtp-port", 25);
        var count = arguments.GetInt("count", 2000);
        var rounds = arguments.GetInt("rounds", 3);
        var data = arguments.Get("data", Directory.CreateTempSubdirectory("consultdesk-bench-mail-").FullName);
        // Rounds alternate the two and the medians are compared: on two cores shared with the sink, single runs swing.
        var floors = new List<double>();
        var outboxes = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var (floorRate, outboxRate) = await RoundAsync(host, port, count, Path.Combine(data, $"round-{round}"));
            floors.Add(floorRate);
            outboxes.Add(outboxRate);
        }
        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| mail delivery ({count} messages, median of {rounds}) | outbox {Median(outboxes):F0}/s | plain MailKit loop {Median(floors):F0}/s | ratio {Median(outboxes) / Median(floors):P0} |"));
        Results.Write(arguments, "mail floor (plain MailKit loop)", Median(floors), "msg/s", new { count, rounds });
        Results.Write(arguments, "mail delivery (outbox)", Median(outboxes), "msg/s", new { count, rounds });
    }

    private static async Task<(double Floor, double Outbox)> RoundAsync(string host, int port, int count, string data)
    {
        var from = MailboxAddress.Parse("地方創生テレワーク相談窓口 <desk@consultdesk.example.jp>");

        // Floor: MailKit alone over one connection, building each message the way the outbox does.
        var rows = Enumerable.Range(0, count).Select(i => Row(i, DateTime.UtcNow)).ToList();
        var floor = await Measure.TimeAsync(async () =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(host, port, SecureSocketOptions.None);
            foreach (var row in rows) await client.SendAsync(OutboxMessage.Build(row, from, "CD-2026-000001"));
            await client.DisconnectAsync(quit: true);
        });

        // The app: rows committed first, then the dispatcher drains them batch by batch.
        var options = new ConsultDeskOptions();
        options.Mail.Smtp.Host = host;
        options.Mail.Smtp.Port = port;
        var connectionString = DatabaseSetup.DefaultSqliteConnectionString(data);
        DatabaseSetup.EnsureSqliteDirectory(connectionString);
        ConsultDeskDbContext NewContext()
        {
            var builder = new DbContextOptionsBuilder<ConsultDeskDbContext>();
            DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, connectionString);
            return new ConsultDeskDbContext(builder.Options);
        }
        await using (var db = NewContext())
        {
            await DatabaseSetup.EnableWriteAheadLogAsync(db, CancellationToken.None);
            await db.Database.MigrateAsync();
            var now = DateTime.UtcNow;
            db.Outbox.AddRange(Enumerable.Range(0, count).Select(i => Row(i, now)));
            await db.SaveChangesAsync();
        }
        var gate = new WriteGate(serialize: true);
        var transport = new SmtpMailTransport(Options.Create(options));
        var outbox = await Measure.TimeAsync(async () =>
        {
            while (true)
            {
                await using var db = NewContext();
                var handler = new DispatchOutbox.Handler(db, gate, transport, new OutboxSecrets(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), TimeProvider.System, Options.Create(options), NullLogger<DispatchOutbox.Handler>.Instance);
                var result = await handler.Handle(new DispatchOutbox.Command(), CancellationToken.None);
                if (result.Claimed == 0) break;
            }
        });
        await using (var db = NewContext())
        {
            var sent = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent);
            if (sent != count) throw new InvalidOperationException($"Only {sent} of {count} outbox rows were sent.");
        }

        return (count / floor.TotalSeconds, count / outbox.TotalSeconds);
    }

    private static OutboxMail Row(int i, DateTime now) =>
        OutboxMail.Create(null, "bench", new RenderedMail($"【地方創生テレワーク相談窓口】お問い合わせを受け付けました（CD-2026-{i:D6}）", Body),
            $"bench-{i}@example.jp", "髙橋 一郎", "consultdesk.example.jp", now);
}
