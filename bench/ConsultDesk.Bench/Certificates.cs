using System.Diagnostics;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Bench;

/// <summary>
/// The 宣言書 over HTTP: seeds <c>--count</c> accepted declarations (three commitments of a few hundred characters each,
/// like a real one) into the running app's database through the domain's own methods, then fetches each certificate
/// once (cold: every number is drawn for the first time, so the per-version cache does not help; the target reads
/// this figure) and once more (warm: served from that cache). One client, one request at a time.
/// </summary>
public static class Certificates
{
    public static async Task RunAsync(Arguments arguments)
    {
        var count = arguments.GetInt("count", 200);
        var provider = arguments.Get("provider", "sqlite") == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var builder = new DbContextOptionsBuilder<ConsultDeskDbContext>();
        DatabaseSetup.Configure(builder, provider, arguments.Get("connection", ""));

        var numbers = new List<int>(count);
        var now = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < count; batch += 50)
        {
            await using var db = new ConsultDeskDbContext(builder.Options);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var sequence = new DeclarationNumbers(db);
            for (var i = batch; i < Math.Min(count, batch + 50); i++)
            {
                var content = Content(i);
                var (declaration, version, submitted) = Declaration.Submit(content, now, "bench");
                db.Declarations.Add(declaration);
                db.DeclarationVersions.Add(version);
                db.DeclarationEvents.Add(submitted);
                db.DeclarationEvents.Add(declaration.Confirm(now));
                db.DeclarationEvents.Add(declaration.Accept(version, await sequence.NextAsync(default), Guid.Empty, now));
                await sequence.ReplacePublicItemsAsync(declaration, content, default);
                numbers.Add(declaration.Number!.Value);
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        Console.WriteLine($"seeded {count} accepted declarations in {watch.Elapsed.TotalSeconds:F1} s");

        using var client = new HttpClient { BaseAddress = new Uri(arguments.Get("base-url", "http://127.0.0.1:5261")), Timeout = TimeSpan.FromSeconds(60) };
        // A few requests first, so the process's one-off costs (font parsing, JIT) are not counted as a certificate's.
        const int warmUp = 3;
        foreach (var number in numbers.Take(warmUp)) await FetchAsync(client, number);
        var cold = new List<double>();
        foreach (var number in numbers.Skip(warmUp)) cold.Add(await FetchAsync(client, number));
        var warm = new List<double>();
        foreach (var number in numbers.Skip(warmUp)) warm.Add(await FetchAsync(client, number));
        cold.Sort();
        warm.Sort();
        Results.Write(arguments, "certificate p95 (cold, distinct numbers)", Results.Percentile(cold, 0.95), "ms",
            new { requests = cold.Count, p50 = Results.Percentile(cold, 0.5), max = cold[^1] });
        Results.Write(arguments, "certificate p95 (warm, cached)", Results.Percentile(warm, 0.95), "ms",
            new { requests = warm.Count, p50 = Results.Percentile(warm, 0.5), max = warm[^1] });
    }

    private static async Task<double> FetchAsync(HttpClient client, int number)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync($"/sengen/{number}/certificate.pdf");
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/pdf" || body.Length < 1000)
            throw new InvalidOperationException($"GET /sengen/{number}/certificate.pdf answered {(int)response.StatusCode} ({body.Length} bytes).");
        return elapsed;
    }

    private static readonly string[] Names = ["北海道サテライト", "鷲巣織物", "瀬戸内ワークス", "阿蘇テレワーク", "越後データ", "琉球リモート", "信州デジタル", "土佐システム"];

    private static DeclarationContent Content(int i) => new()
    {
        OrganizationName = $"株式会社{Names[i % Names.Length]}{i:D5}",
        OrganizationNameKana = "ベンチセンゲン",
        CorporateNumber = CorporateNumber.WithCheckDigit($"8{i:D11}"),
        PostalCode = "1000014",
        PrefectureCode = "13",
        LocalGovernmentCode = "131016",
        Street = "永田町1-6-1",
        Industry = "G",
        Employees = 50 + i % 900,
        RepresentativeName = "宣言 太郎",
        RepresentativeTitle = "代表取締役",
        ContactFamilyName = "担当",
        ContactGivenName = "花子",
        ContactFamilyNameKana = "タントウ",
        ContactGivenNameKana = "ハナコ",
        ContactEmail = $"sengen{i}@bench.example.jp",
        ContactPhone = "0312345678",
        Commitments = new[] { "1", "3", "5" }.Select(code => new DeclarationCommitment(code,
            string.Concat(Enumerable.Repeat($"【{code}】地方拠点での採用と育成を進め、社員が地域で働き続けられるよう制度を整えます。", 6)))).ToList(),
        Agreements = ["purpose", "publication", "antisocial-forces", "privacy"],
    };
}
