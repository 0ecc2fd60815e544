namespace ConsultDesk.Domain.Reporting;

/// <summary>The four per-day counts the flow report adds up (a case's day for each is on its report row).</summary>
public enum FlowEvent
{
    Opened = 0,
    Resolved = 1,
    Closed = 2,
    Finished = 3,
}

/// <summary>
/// How many cases had a flow event on a JST day, over all cases (no filters): what the unfiltered flow report reads
/// instead of walking every report row of its range. It is the folded part; <see cref="FlowDayDelta"/> rows hold the
/// changes since the last fold, and the two are always read together.
/// </summary>
public sealed class FlowDayCount
{
    private FlowDayCount() { }

    public FlowEvent Event { get; private set; }
    /// <summary><c>yyyymmdd</c>, as on <see cref="CaseReportRow"/>.</summary>
    public int Day { get; private set; }
    public int Count { get; private set; }
}

/// <summary>
/// A change to a <see cref="FlowDayCount"/>, appended in the transaction that changes the case (an insert takes no lock
/// and reads nothing, so concurrent intakes never wait on a shared counter row); a recurring job folds them in.
/// </summary>
public sealed class FlowDayDelta
{
    private FlowDayDelta() { }

    public long Id { get; private set; }
    public FlowEvent Event { get; private set; }
    public int Day { get; private set; }
    public int Delta { get; private set; }

    public static FlowDayDelta Of(FlowEvent @event, int day, int delta) => new() { Event = @event, Day = day, Delta = delta };

    /// <summary>The deltas that take a row's flow days from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IEnumerable<FlowDayDelta> Between(FlowDays before, FlowDays after)
    {
        foreach (var (@event, was, now) in new[]
        {
            (FlowEvent.Opened, before.Opened, after.Opened),
            (FlowEvent.Resolved, before.Resolved, after.Resolved),
            (FlowEvent.Closed, before.Closed, after.Closed),
            (FlowEvent.Finished, before.Finished, after.Finished),
        })
        {
            if (was == now) continue;
            if (was is { } old) yield return Of(@event, old, -1);
            if (now is { } day) yield return Of(@event, day, +1);
        }
    }
}

/// <summary>A report row's day for each flow event (null: not happened, or no row yet).</summary>
public readonly record struct FlowDays(int? Opened, int? Resolved, int? Closed, int? Finished)
{
    public static readonly FlowDays None = default;

    public static FlowDays Of(CaseReportRow row) => new(row.SubmittedOn, row.ResolvedOn, row.ClosedOn, row.FinishedOn);
}
