using System.Diagnostics;
using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Bench;

/// <summary>
/// The suggestion handler end to end (case and needs lookup, the projection of every published profile, scoring,
/// explaining the top N) on a SQLite file holding the generator's 2,000 municipalities × 5 offices.
/// </summary>
public static class Suggestions
{
    public static async Task RunAsync(Arguments arguments)
    {
        var municipalities = arguments.GetInt("municipalities", 2000);
        var officesEach = arguments.GetInt("offices", 5);
        var runs = arguments.GetInt("runs", 200);
        var limit = arguments.GetInt("limit", 20);
        var data = arguments.Get("data", Directory.CreateTempSubdirectory("consultdesk-bench-suggest-").FullName);
        var connectionString = DatabaseSetup.DefaultSqliteConnectionString(data);
        DatabaseSetup.EnsureSqliteDirectory(connectionString);
        ConsultDeskDbContext NewContext()
        {
            var builder = new DbContextOptionsBuilder<ConsultDeskDbContext>();
            DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, connectionString);
            return new ConsultDeskDbContext(builder.Options);
        }

        var now = DateTime.UtcNow;
        const string reference = "CD-2026-900001";
        await using (var db = NewContext())
        {
            await DatabaseSetup.EnableWriteAheadLogAsync(db, CancellationToken.None);
            await db.Database.MigrateAsync();
            if (!await db.MunicipalityProfiles.AnyAsync())
            {
                db.MunicipalityProfiles.AddRange(MunicipalityGenerator.Generate(LocalGovernmentDirectory.LoadEmbedded(), municipalities, officesEach, now));
                var @case = Case.Submit(reference, new Inquiry
                {
                    InquirerType = InquirerType.Company, OrganizationName = "株式会社ベンチ", Industry = "G", Employees = 120,
                    FamilyName = "髙橋", GivenName = "一郎", FamilyNameKana = "タカハシ", GivenNameKana = "イチロウ", Email = "bench@example.jp",
                    PrefectureCode = "13", Topics = [Topic.OfficeSearch], PreferredChannel = ContactChannel.Email,
                    Subject = "サテライトオフィスの候補", Message = "候補地を探しています。", PrivacyConsentAt = now,
                }, IntakeSource.Api, now);
                db.Cases.Add(@case);
                var needs = CompanyNeeds.For(@case.Id, now);
                needs.Update(["32", "33"], ["shikoku"], 8, 12_000, 100, "G", CompanySize.Medium, "2027年4月", ["cost"], null, now);
                db.CompanyNeeds.Add(needs);
                await db.SaveChangesAsync();
            }
        }

        var options = Options.Create(new ConsultDeskOptions());
        var timings = new List<double>(runs);
        for (var i = -10; i < runs; i++)   // the first ten warm up the model, the query cache and the JIT
        {
            await using var db = NewContext();   // a fresh context per request, as the app's scope gives
            var watch = Stopwatch.StartNew();
            var model = await new SuggestMatches.Handler(db, options).Handle(new SuggestMatches.Query(reference, limit), CancellationToken.None);
            watch.Stop();
            if (model.Suggestions.Count == 0) throw new InvalidOperationException("No suggestions.");
            if (i >= 0) timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        timings.Sort();
        double At(double p) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(p * timings.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| match suggestions ({municipalities} × {officesEach}, top {limit}, {runs} runs, SQLite file) | p50 {At(0.50):F1} ms | p95 {At(0.95):F1} ms | max {timings[^1]:F1} ms |"));
        Results.Write(arguments, $"match suggestions p95 ({municipalities}×{officesEach})", At(0.95), "ms", new { runs, p50 = At(0.50), max = timings[^1] });
    }
}
