using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;

namespace ConsultDesk.UnitTests.Reports;

public sealed class SpeedCellDeltaTests
{
    private static readonly Guid Consultant = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    private static SpeedCells.Key First(Guid assignee, int quarters, bool met) => new(SpeedMeasure.FirstResponse, InquirerType.Company, assignee, quarters, met);

    private static string[] Deltas(SpeedCells before, SpeedCells after) =>
        SpeedCellDelta.Between(before, after).Select(d => $"{d.Measure} {d.AssigneeId == Guid.Empty} {d.Quarters} {d.Count:+0;-0} {d.Met:+0;-0;0}").ToArray();

    [Fact]
    public void A_first_response_adds_one_case_to_its_cell_and_counts_it_as_met_when_it_was() =>
        Assert.Equal(["FirstResponse True 6 +1 +1"], Deltas(SpeedCells.None, new(First(Guid.Empty, 6, met: true), null)));

    [Fact]
    public void Assigning_a_measured_case_moves_it_from_the_unassigned_cell_to_the_consultants() =>
        Assert.Equal(["FirstResponse True 6 -1 0", "FirstResponse False 6 +1 0"],
            Deltas(new(First(Guid.Empty, 6, met: false), null), new(First(Consultant, 6, met: false), null)));

    [Fact]
    public void An_unchanged_cell_writes_nothing() =>
        Assert.Empty(Deltas(new(First(Consultant, 6, met: true), null), new(First(Consultant, 6, met: true), null)));
}
