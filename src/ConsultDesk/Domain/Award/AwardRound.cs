namespace ConsultDesk.Domain.Award;

/// <summary>Whether judges see who entered (open) or only the initiative (blind: no organisation or municipality name anywhere).</summary>
public enum JudgingMode
{
    Blind,
    Open,
}

/// <summary>How the judges' weighted totals of one entry become its score.</summary>
public enum ScoreAggregation
{
    Mean,
    Median,
}

/// <summary>Where a round stands at a moment; each phase follows the windows, never a flag someone must remember to set.</summary>
public enum AwardPhase
{
    /// <summary>Before the entry window: settings can still change.</summary>
    Setup,
    EntryOpen,
    /// <summary>Entries are locked; judging has not started.</summary>
    EntryClosed,
    Judging,
    /// <summary>Judging is over: ranking, shortlist and decisions.</summary>
    Deciding,
    /// <summary>From the publication date: /award/{year} is public.</summary>
    Published,
}

/// <summary>
/// One year's 地方創生テレワークアワード: its windows (stored in UTC, entered and shown in JST), its categories and
/// weighted criteria, the judging mode and aggregation. Settings can change only before the entry window opens
/// (<see cref="IsLocked"/>): entrants and judges must never see the rules move under them.
/// </summary>
public sealed class AwardRound
{
    private AwardRound() { }

    public const int MaxTitleLength = 200;

    public Guid Id { get; private set; }
    /// <summary>The award year (the results page is /award/{year}); one round per year.</summary>
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public DateTime EntryOpensAt { get; private set; }
    public DateTime EntryClosesAt { get; private set; }
    public DateTime JudgingOpensAt { get; private set; }
    public DateTime JudgingClosesAt { get; private set; }
    public DateTime PublishAt { get; private set; }
    public JudgingMode Mode { get; private set; }
    public ScoreAggregation Aggregation { get; private set; }
    public int ScaleMin { get; private set; }
    public int ScaleMax { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>When the deadline mail went out (once, by the award job).</summary>
    public DateTime? DeadlineMailedAt { get; private set; }
    /// <summary>When the outcome mails went out (once, at publication, by the award job).</summary>
    public DateTime? ResultsMailedAt { get; private set; }

    public List<AwardCategory> Categories { get; private set; } = [];
    public List<AwardCriterion> Criteria { get; private set; } = [];

    public bool IsLocked(DateTime nowUtc) => nowUtc >= EntryOpensAt;
    public bool IsEntryOpen(DateTime nowUtc) => nowUtc >= EntryOpensAt && nowUtc < EntryClosesAt;
    public bool IsJudgingOpen(DateTime nowUtc) => nowUtc >= JudgingOpensAt && nowUtc < JudgingClosesAt;
    /// <summary>Judging is over: totals and the ranking may be shown, decisions taken.</summary>
    public bool IsJudgingClosed(DateTime nowUtc) => nowUtc >= JudgingClosesAt;
    public bool IsPublished(DateTime nowUtc) => nowUtc >= PublishAt;

    public AwardPhase PhaseAt(DateTime nowUtc) =>
        nowUtc >= PublishAt ? AwardPhase.Published
        : nowUtc >= JudgingClosesAt ? AwardPhase.Deciding
        : nowUtc >= JudgingOpensAt ? AwardPhase.Judging
        : nowUtc >= EntryClosesAt ? AwardPhase.EntryClosed
        : nowUtc >= EntryOpensAt ? AwardPhase.EntryOpen
        : AwardPhase.Setup;

    public static AwardRound Create(int year, string title, AwardWindows windows, JudgingMode mode, ScoreAggregation aggregation, DateTime nowUtc,
        int scaleMin = 1, int scaleMax = 5)
    {
        var round = new AwardRound
        {
            Id = Guid.CreateVersion7(),
            Year = year,
            Version = 1,
            CreatedAt = nowUtc,
        };
        round.Apply(title, windows, mode, aggregation, scaleMin, scaleMax, nowUtc);
        round.Categories.AddRange(AwardDefaults.Categories.Select((c, i) => AwardCategory.Create(round.Id, c.Code, c.NameJa, c.NameEn, i + 1, c.ForPartnerMunicipality)));
        round.Criteria.AddRange(AwardDefaults.Criteria.Select((c, i) => AwardCriterion.Create(round.Id, c.Code, c.NameJa, c.NameEn, 1m, i + 1)));
        return round;
    }

    /// <summary>Changes the settings; refused once the entry window has opened.</summary>
    public void Update(string title, AwardWindows windows, JudgingMode mode, ScoreAggregation aggregation, int scaleMin, int scaleMax, DateTime nowUtc)
    {
        RequireUnlocked(nowUtc);
        Apply(title, windows, mode, aggregation, scaleMin, scaleMax, nowUtc);
        Version++;
    }

    /// <summary>Replaces categories and criteria (the caller has validated codes, names and weights); refused once locked.</summary>
    public void ReplaceCategoriesAndCriteria(IEnumerable<AwardCategory> categories, IEnumerable<AwardCriterion> criteria, DateTime nowUtc)
    {
        RequireUnlocked(nowUtc);
        Categories.Clear();
        Categories.AddRange(categories);
        Criteria.Clear();
        Criteria.AddRange(criteria);
        UpdatedAt = nowUtc;
        Version++;
    }

    public void RequireUnlocked(DateTime nowUtc)
    {
        if (IsLocked(nowUtc)) throw new AwardRuleException(AwardRule.RoundLocked);
    }

    /// <summary>Marks the deadline mails sent; bumps <see cref="Version"/> so two sweeps at once cannot both commit.</summary>
    public void MarkDeadlineMailed(DateTime nowUtc)
    {
        if (DeadlineMailedAt is not null) return;
        DeadlineMailedAt = nowUtc;
        Version++;
    }

    /// <summary>Marks the outcome mails sent; bumps <see cref="Version"/> so two sweeps at once cannot both commit.</summary>
    public void MarkResultsMailed(DateTime nowUtc)
    {
        if (ResultsMailedAt is not null) return;
        ResultsMailedAt = nowUtc;
        Version++;
    }

    /// <summary>
    /// Windows are kept to the whole second: PostgreSQL stores microseconds and .NET ticks are finer, so a moment stored
    /// with a fraction would come back earlier than it went in and the last tick of a window would differ by database.
    /// </summary>
    private static DateTime WholeSeconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private void Apply(string title, AwardWindows windows, JudgingMode mode, ScoreAggregation aggregation, int scaleMin, int scaleMax, DateTime nowUtc)
    {
        if (windows.Problem() is { } problem) throw new AwardRuleException(problem);
        if (scaleMin < 0 || scaleMax <= scaleMin || scaleMax > 100) throw new AwardRuleException(AwardRule.ScaleInvalid);
        Title = title.Trim();
        EntryOpensAt = WholeSeconds(windows.EntryOpensAt);
        EntryClosesAt = WholeSeconds(windows.EntryClosesAt);
        JudgingOpensAt = WholeSeconds(windows.JudgingOpensAt);
        JudgingClosesAt = WholeSeconds(windows.JudgingClosesAt);
        PublishAt = WholeSeconds(windows.PublishAt);
        Mode = mode;
        Aggregation = aggregation;
        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
        UpdatedAt = nowUtc;
    }
}

/// <summary>A round's windows in UTC. They follow each other: entries, then judging, then publication.</summary>
public sealed record AwardWindows(DateTime EntryOpensAt, DateTime EntryClosesAt, DateTime JudgingOpensAt, DateTime JudgingClosesAt, DateTime PublishAt)
{
    public AwardRule? Problem() =>
        EntryOpensAt < EntryClosesAt && EntryClosesAt <= JudgingOpensAt && JudgingOpensAt < JudgingClosesAt && JudgingClosesAt <= PublishAt
            ? null
            : AwardRule.WindowsOutOfOrder;
}

/// <summary>A 部門. <see cref="ForPartnerMunicipality"/> marks 連携パートナー賞: entered by a municipality, tied to the entries naming it.</summary>
public sealed class AwardCategory
{
    private AwardCategory() { }

    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    /// <summary>A slug, unique in the round (the API's and the CSV's name for it).</summary>
    public string Code { get; private set; } = "";
    public string NameJa { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public int Order { get; private set; }
    public bool ForPartnerMunicipality { get; private set; }

    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;

    public static AwardCategory Create(Guid roundId, string code, string nameJa, string nameEn, int order, bool forPartnerMunicipality) => new()
    {
        Id = Guid.CreateVersion7(),
        RoundId = roundId,
        Code = code,
        NameJa = nameJa.Trim(),
        NameEn = nameEn.Trim(),
        Order = order,
        ForPartnerMunicipality = forPartnerMunicipality,
    };
}

/// <summary>A judging criterion with its weight; every judge scores each on the round's scale.</summary>
public sealed class AwardCriterion
{
    private AwardCriterion() { }

    public const decimal MaxWeight = 100m;

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public string Code { get; private set; } = "";
    public string NameJa { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    /// <summary>Relative weight (&gt; 0); a total is Σ weight × score / Σ weight, so it stays on the scale.</summary>
    public decimal Weight { get; private set; }
    public int Order { get; private set; }

    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;

    public static AwardCriterion Create(Guid roundId, string code, string nameJa, string nameEn, decimal weight, int order) => new()
    {
        Id = Guid.CreateVersion7(),
        RoundId = roundId,
        Code = code,
        NameJa = nameJa.Trim(),
        NameEn = nameEn.Trim(),
        Weight = weight,
        Order = order,
    };
}

/// <summary>
/// What is known of the real award (2025): its three 部門 plus 連携パートナー賞, and its four criteria with equal
/// weights. A new round starts with these; admins change them before the entry window opens.
/// </summary>
public static class AwardDefaults
{
    public sealed record CategorySeed(string Code, string NameJa, string NameEn, bool ForPartnerMunicipality);

    public sealed record CriterionSeed(string Code, string NameJa, string NameEn);

    public const string PartnerCategoryCode = "partner-municipality";

    public static readonly IReadOnlyList<CategorySeed> Categories =
    [
        new("regional-projects", "地域課題解決プロジェクト参画", "Taking part in regional problem-solving projects", false),
        new("retention-hiring-workation", "離職防止、地方人材の採用・育成、ワーケーション推進",
            "Retention, hiring and developing local talent, and workation", false),
        new("promotion-support", "地方創生テレワーク促進支援", "Helping others take up regional telework", false),
        new(PartnerCategoryCode, "連携パートナー賞", "Partner municipality award", true),
    ];

    public static readonly IReadOnlyList<CriterionSeed> Criteria =
    [
        new("impact", "地域と自社への効果", "Effect on the region and the organisation"),
        new("spread", "波及性", "Potential to spread"),
        new("public-private", "官民連携", "Public-private partnership"),
        new("growth", "発展性", "Room to grow"),
    ];
}

/// <summary>The award's business rules a request can break; each is a 409 (or a field error) with its own message.</summary>
public enum AwardRule
{
    RoundLocked,
    WindowsOutOfOrder,
    ScaleInvalid,
    EntryWindowClosed,
    EntryNotEditable,
    DeclarationNotAccepted,
    InitiativeAlreadyEntered,
    TooManyAttachments,
    JudgingNotOpen,
    JudgingStillOpen,
    ConflictNotDeclared,
    AssignmentRemoved,
    ScoreOutOfScale,
    DecisionAlreadyTaken,
    NoDecisionToReopen,
    WinnerNotInCategory,
}

public sealed class AwardRuleException(AwardRule rule) : Exception($"Award rule broken: {rule}.")
{
    public AwardRule Rule { get; } = rule;
}
