using ConsultDesk.Features.Award;

namespace ConsultDesk.UnitTests.Award;

/// <summary>The even spread, on many shapes: distinct judges per entry, loads within one, conflicts never re-assigned.</summary>
public sealed class SpreadPlanTests
{
    [Theory]
    [InlineData(7, 3, 2, 0)]
    [InlineData(10, 4, 3, 2)]
    [InlineData(5, 5, 1, 0)]
    [InlineData(13, 6, 3, 4)]
    [InlineData(1, 2, 2, 0)]
    public void Every_entry_gets_distinct_judges_loads_differ_by_at_most_one_and_conflicts_stay_out(int entryCount, int judgeCount, int perEntry, int conflicts)
    {
        var entries = Enumerable.Range(0, entryCount).Select(_ => Guid.NewGuid()).ToList();
        var judges = Enumerable.Range(0, judgeCount).Select(_ => Guid.NewGuid()).ToList();
        // Conflicts: judge i declared one on entry i (inactive rows that stay).
        var existing = Enumerable.Range(0, conflicts).Select(i => new SpreadAwardAssignments.Existing(entries[i % entryCount], judges[i % judgeCount], Active: false)).ToList();

        var plan = SpreadAwardAssignments.Plan(entries, judges, perEntry, existing);

        Assert.Empty(plan.Unfilled);
        foreach (var entry in entries)
        {
            var on = plan.Created.Where(c => c.EntryId == entry).Select(c => c.JudgeId).ToList();
            Assert.Equal(perEntry, on.Count);
            Assert.Equal(perEntry, on.Distinct().Count());
        }
        Assert.DoesNotContain(plan.Created, c => existing.Any(e => e.EntryId == c.EntryId && e.JudgeId == c.JudgeId));
        Assert.True(plan.Loads.Values.Max() - plan.Loads.Values.Min() <= 1, string.Join(",", plan.Loads.Values));
        Assert.Equal(entryCount * perEntry, plan.Loads.Values.Sum());
    }

    [Fact]
    public void Existing_assignments_count_towards_the_entry_and_the_judges_load_and_a_second_spread_adds_nothing()
    {
        var entries = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var judges = Enumerable.Range(0, 2).Select(_ => Guid.NewGuid()).ToList();
        List<SpreadAwardAssignments.Existing> existing = [new(entries[0], judges[0], true), new(entries[1], judges[0], true)];

        var plan = SpreadAwardAssignments.Plan(entries, judges, 1, existing);

        Assert.Equal(new[] { entries[2], entries[3] }.Order(), plan.Created.Select(c => c.EntryId).Order());
        Assert.All(plan.Created, c => Assert.Equal(judges[1], c.JudgeId));
        Assert.Equal(2, plan.Loads[judges[0]]);
        Assert.Equal(2, plan.Loads[judges[1]]);
        var again = SpreadAwardAssignments.Plan(entries, judges, 1,
            [.. existing, .. plan.Created.Select(c => new SpreadAwardAssignments.Existing(c.EntryId, c.JudgeId, true))]);
        Assert.Empty(again.Created);
    }

    [Fact]
    public void An_entry_every_chosen_judge_is_conflicted_on_is_reported_unfilled()
    {
        var entry = Guid.NewGuid();
        var judge = Guid.NewGuid();
        var plan = SpreadAwardAssignments.Plan([entry], [judge], 1, [new(entry, judge, false)]);
        Assert.Empty(plan.Created);
        Assert.Equal([entry], plan.Unfilled);
    }
}
