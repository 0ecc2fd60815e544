using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using Microsoft.EntityFrameworkCore;
using ConsultDesk.Features.Award;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Puts award rounds and entries straight into the database through the domain's own methods, for tests that need
/// a round in a given phase at a given moment (the admin, entrant and judge flows themselves are tested through HTTP).
/// </summary>
public static class Awards
{
    public sealed record SeededRound(Guid Id, int Year, AwardWindows Windows, IReadOnlyDictionary<string, Guid> Categories, IReadOnlyDictionary<string, Guid> Criteria);

    private static int yearSerial = 2100 + Random.Shared.Next(700);

    /// <summary>A year no other test's round uses (the results page is /award/{year}); within the valid 2000–2999.</summary>
    public static int UniqueYear() => Interlocked.Increment(ref yearSerial);

    /// <summary>Windows placed so that <paramref name="nowUtc"/> falls in <paramref name="phase"/>, each window a few days long.</summary>
    public static AwardWindows WindowsFor(AwardPhase phase, DateTime nowUtc)
    {
        var day = TimeSpan.FromDays(1);
        var entryOpens = phase switch
        {
            AwardPhase.Setup => nowUtc + 2 * day,
            AwardPhase.EntryOpen => nowUtc - day,
            AwardPhase.EntryClosed => nowUtc - 11 * day,
            AwardPhase.Judging => nowUtc - 21 * day,
            AwardPhase.Deciding => nowUtc - 41 * day,
            _ => nowUtc - 61 * day,
        };
        // Entries 10 days, a 10-day gap, judging 10 days then closed: each phase starts exactly 10 days after the previous.
        return new AwardWindows(entryOpens, entryOpens + 10 * day, entryOpens + 20 * day, entryOpens + 30 * day,
            phase == AwardPhase.Published ? nowUtc - day : entryOpens + 60 * day);
    }

    public static async Task<SeededRound> SeedRoundAsync(ConsultDeskAppFactory app, AwardPhase phase, DateTime? nowUtc = null,
        JudgingMode mode = JudgingMode.Blind, ScoreAggregation aggregation = ScoreAggregation.Mean, AwardWindows? windows = null)
    {
        var now = nowUtc ?? DateTime.UtcNow;
        var year = UniqueYear();
        var round = AwardRound.Create(year, $"第{year}回 地方創生テレワークアワード", windows ?? WindowsFor(phase, now), mode, aggregation, now - TimeSpan.FromDays(100));
        await app.WithDbAsync(async db =>
        {
            db.AwardRounds.Add(round);
            await db.SaveChangesAsync();
            return 0;
        });
        return new SeededRound(round.Id, year, new AwardWindows(round.EntryOpensAt, round.EntryClosesAt, round.JudgingOpensAt, round.JudgingClosesAt, round.PublishAt),
            round.Categories.ToDictionary(c => c.Code, c => c.Id), round.Criteria.ToDictionary(c => c.Code, c => c.Id));
    }

    public static AwardEntryContent Content(SeededRound round, string categoryCode = "regional-projects", string? title = null) => new()
    {
        CategoryId = round.Categories[categoryCode],
        OrganizationName = "テスト宣言株式会社",
        Title = title ?? $"サテライトオフィスを拠点とした地域課題解決プロジェクト{Guid.NewGuid().ToString("N")[..4]}",
        PeriodStart = new DateOnly(2025, 4, 1),
        PeriodEnd = null,
        Answers = round.Criteria.Keys.ToDictionary(code => code, code => $"{code}についての回答。社員10名が移住し、地域企業3社と協働。"),
        Outcomes = "移住者10名、地元採用5名、離職率 12% → 4%。",
    };

    /// <summary>An organisation's entry of a seeded (accepted) declaration with a partner municipality, submitted unless told otherwise.</summary>
    public static async Task<Guid> SeedEntryAsync(ConsultDeskAppFactory app, SeededRound round, Guid declarationId, string organizationName,
        string partnerMunicipalityCode = "012025", string categoryCode = "regional-projects", bool submitted = true, string? title = null)
    {
        var content = Content(round, categoryCode, title) with { OrganizationName = organizationName };
        var entry = AwardEntry.Create(round.Id, declarationId, content, AwardInitiative.ForOrganization(declarationId, partnerMunicipalityCode),
            round.Windows.EntryOpensAt.AddHours(1));
        if (submitted) entry.Submit(round.Windows.EntryOpensAt.AddHours(2));
        await app.WithDbAsync(async db =>
        {
            db.AwardEntries.Add(entry);
            await db.SaveChangesAsync();
            return 0;
        });
        return entry.Id;
    }

    /// <summary>Assigns an entry to a judge directly (the admin's assignment flow is tested through HTTP).</summary>
    public static Task<Guid> AssignAsync(ConsultDeskAppFactory app, SeededRound round, Guid entryId, Guid judgeId, bool declareNoConflict = false) =>
        app.WithDbAsync(async db =>
        {
            var assignment = AwardAssignment.Create(round.Id, entryId, judgeId, Guid.Empty, round.Windows.EntryClosesAt);
            if (declareNoConflict) assignment.Declare(false, null, round.Windows.JudgingOpensAt);
            db.AwardAssignments.Add(assignment);
            await db.SaveChangesAsync();
            return assignment.Id;
        });

    /// <summary>A judge account (through the admin API) and a client signed in as them.</summary>
    public static Task<(HttpClient Client, Guid Id)> NewJudgeAsync(ConsultDeskAppFactory app, string? displayName = null) =>
        Staff.NewUserAsync(app, Roles.Judge, displayName);

    public static Task<int> CountEventsAsync(ConsultDeskAppFactory app, Guid entryId, string type) =>
        app.WithDbAsync(db => db.AwardEvents.CountAsync(e => e.EntryId == entryId && e.Type == type));
}

/// <summary>
/// The app with a fake clock for every award test: rounds are placed around <see cref="Now"/>, and the clock only
/// moves forward (tests in a collection run one after another, each with its own round and year).
/// </summary>
public abstract class AwardApp(string provider) : ConsultDeskAppFactory(provider)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>One sweep of the deadline mails, as the award job sends it (no HTTP request: the system).</summary>
    public Task<SendAwardDeadlineMails.Response> SweepDeadlineAsync() => SendAsync(new SendAwardDeadlineMails.Command());

    /// <summary>One sweep of the outcome mails, as the award job sends it.</summary>
    public Task<SendAwardResultMails.Response> SweepResultsAsync() => SendAsync(new SendAwardResultMails.Command());

    private async Task<T> SendAsync<T>(Mediator.ICommand<T> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command);
    }
}

public sealed class AwardSqliteApp() : AwardApp("Sqlite");

public sealed class AwardPostgresApp() : AwardApp("Postgres");

[CollectionDefinition(Name)]
public sealed class AwardSqliteCollection : ICollectionFixture<AwardSqliteApp>
{
    public const string Name = "award on SQLite";
}

[CollectionDefinition(Name)]
public sealed class AwardPostgresCollection : ICollectionFixture<AwardPostgresApp>
{
    public const string Name = "award on PostgreSQL";
}
