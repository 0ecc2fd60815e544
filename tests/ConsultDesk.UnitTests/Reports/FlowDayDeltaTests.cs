using ConsultDesk.Domain.Reporting;

namespace ConsultDesk.UnitTests.Reports;

public sealed class FlowDayDeltaTests
{
    private static string[] Deltas(FlowDays before, FlowDays after) =>
        FlowDayDelta.Between(before, after).Select(d => $"{d.Event} {d.Day} {d.Delta:+0;-0}").ToArray();

    [Fact]
    public void A_new_case_counts_once_on_its_submission_day() =>
        Assert.Equal(["Opened 20261102 +1"], Deltas(FlowDays.None, new(20261102, null, null, null)));

    [Fact]
    public void Resolving_adds_resolved_and_finished_on_that_day() =>
        Assert.Equal(["Resolved 20261105 +1", "Finished 20261105 +1"],
            Deltas(new(20261102, null, null, null), new(20261102, 20261105, null, 20261105)));

    [Fact]
    public void Reopening_takes_finished_back_from_its_day_and_an_unchanged_row_writes_nothing()
    {
        Assert.Equal(["Finished 20261105 -1"], Deltas(new(20261102, 20261105, null, 20261105), new(20261102, 20261105, null, null)));
        Assert.Empty(Deltas(new(20261102, 20261105, null, 20261105), new(20261102, 20261105, null, 20261105)));
    }

    [Fact]
    public void A_day_that_moves_is_taken_from_the_old_day_and_added_to_the_new()
    {
        Assert.Equal(["Closed 20261106 -1", "Closed 20261110 +1", "Finished 20261106 -1", "Finished 20261110 +1"],
            Deltas(new(20261102, null, 20261106, 20261106), new(20261102, null, 20261110, 20261110)));
    }
}
