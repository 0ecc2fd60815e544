namespace ConsultDesk.Domain.Reporting;

/// <summary>Which of the speed report's two histograms a cell belongs to.</summary>
public enum SpeedMeasure
{
    FirstResponse = 0,
    Resolution = 1,
}

/// <summary>
/// The speed report's all-time histogram: how many cases of an inquirer type and current assignee took a number of
/// desk quarter hours (and how many of them met the SLA). <see cref="AssigneeId"/> is <see cref="Guid.Empty"/> for
/// unassigned cases (a key column cannot be null). The folded part; <see cref="SpeedCellDelta"/> rows hold the changes
/// since the last fold, and the two are always read together (see <c>SpeedCells</c> in the reports feature).
/// </summary>
public sealed class SpeedCell
{
    private SpeedCell() { }

    public SpeedMeasure Measure { get; private set; }
    public InquirerType InquirerType { get; private set; }
    public Guid AssigneeId { get; private set; }
    public int Quarters { get; private set; }
    public int Count { get; private set; }
    public int Met { get; private set; }
}

/// <summary>A change to a <see cref="SpeedCell"/>, appended in the transaction that changes the case (no lock, no read).</summary>
public sealed class SpeedCellDelta
{
    private SpeedCellDelta() { }

    public long Id { get; private set; }
    public SpeedMeasure Measure { get; private set; }
    public InquirerType InquirerType { get; private set; }
    public Guid AssigneeId { get; private set; }
    public int Quarters { get; private set; }
    public int Count { get; private set; }
    public int Met { get; private set; }

    /// <summary>The deltas that move a row's cells from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IEnumerable<SpeedCellDelta> Between(SpeedCells before, SpeedCells after)
    {
        foreach (var (was, now) in new[] { (before.FirstResponse, after.FirstResponse), (before.Resolution, after.Resolution) })
        {
            if (was == now) continue;
            if (was is { } old) yield return Of(old, -1);
            if (now is { } cell) yield return Of(cell, +1);
        }
    }

    private static SpeedCellDelta Of(SpeedCells.Key key, int sign) => new()
    {
        Measure = key.Measure, InquirerType = key.InquirerType, AssigneeId = key.AssigneeId, Quarters = key.Quarters,
        Count = sign, Met = key.Met ? sign : 0,
    };
}

/// <summary>The cell a report row counts in for each measure (null: not measured yet, or no row).</summary>
public readonly record struct SpeedCells(SpeedCells.Key? FirstResponse, SpeedCells.Key? Resolution)
{
    public readonly record struct Key(SpeedMeasure Measure, InquirerType InquirerType, Guid AssigneeId, int Quarters, bool Met);

    public static readonly SpeedCells None = default;

    public static SpeedCells Of(CaseReportRow row) => new(
        row.FirstResponseQuarterHours is { } first
            ? new Key(SpeedMeasure.FirstResponse, row.InquirerType, row.AssigneeId ?? Guid.Empty, first, row.FirstResponseMet == true) : null,
        row.ResolutionQuarterHours is { } resolution
            ? new Key(SpeedMeasure.Resolution, row.InquirerType, row.AssigneeId ?? Guid.Empty, resolution, row.ResolutionMet == true) : null);
}
