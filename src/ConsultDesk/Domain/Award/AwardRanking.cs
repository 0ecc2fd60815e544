namespace ConsultDesk.Domain.Award;

/// <summary>One judge's score of one criterion, as the ranking reads it.</summary>
public sealed record JudgeScore(Guid EntryId, Guid JudgeId, Guid CriterionId, int Value);

/// <summary>An entry's place in its category: <see cref="Rank"/> is shared by ties (1, 2, 2, 4); null when no judge has finished scoring it.</summary>
public sealed record RankedEntry(Guid EntryId, decimal? Total, int? Rank, bool Tied, int JudgeCount, IReadOnlyDictionary<Guid, decimal> ByCriterion);

/// <summary>
/// The ranking of one category. Each judge who scored every criterion of an entry gives it a weighted total
/// (Σ weight × score / Σ weight, so it stays on the scale); the entry's total is the mean or the median of those
/// totals. A judge who left a criterion unscored is not counted for that entry. Totals are compared after rounding
/// to <see cref="Decimals"/> places, so entries equal to that precision share a rank. The per-criterion figures use
/// the same aggregation, for the admins' table.
/// </summary>
public static class AwardRanking
{
    public const int Decimals = 3;

    public static IReadOnlyList<RankedEntry> Rank(IEnumerable<Guid> entryIds, IReadOnlyList<(Guid CriterionId, decimal Weight)> criteria,
        IEnumerable<JudgeScore> scores, ScoreAggregation aggregation)
    {
        var weightSum = criteria.Sum(c => c.Weight);
        var byEntry = scores.GroupBy(s => s.EntryId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<(Guid EntryId, decimal? Total, int Judges, Dictionary<Guid, decimal> ByCriterion)>();
        foreach (var entryId in entryIds.Distinct())
        {
            var entryScores = byEntry.GetValueOrDefault(entryId) ?? [];
            var judgeTotals = new List<decimal>();
            var complete = new List<List<JudgeScore>>();
            foreach (var judge in entryScores.GroupBy(s => s.JudgeId))
            {
                var perCriterion = judge.GroupBy(s => s.CriterionId).ToDictionary(g => g.Key, g => g.Last().Value);
                if (weightSum <= 0 || criteria.Any(c => !perCriterion.ContainsKey(c.CriterionId))) continue;
                judgeTotals.Add(criteria.Sum(c => c.Weight * perCriterion[c.CriterionId]) / weightSum);
                complete.Add([.. judge]);
            }
            var byCriterion = criteria.ToDictionary(c => c.CriterionId,
                c => Aggregate(complete.Select(j => (decimal)j.Last(s => s.CriterionId == c.CriterionId).Value).ToList(), aggregation) ?? 0m);
            rows.Add((entryId, Aggregate(judgeTotals, aggregation), judgeTotals.Count, byCriterion));
        }

        var ordered = rows.OrderByDescending(r => r.Total.HasValue).ThenByDescending(r => Round(r.Total)).ThenBy(r => r.EntryId).ToList();
        // Competition ranking in one pass over the sorted rows: equal rounded totals share the first one's rank.
        var result = new List<RankedEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var row = ordered[i];
            var total = Round(row.Total);
            int? rank = total is null ? null
                : i > 0 && Round(ordered[i - 1].Total) == total ? result[i - 1].Rank
                : i + 1;
            var tied = total is not null && ((i > 0 && Round(ordered[i - 1].Total) == total) || (i + 1 < ordered.Count && Round(ordered[i + 1].Total) == total));
            result.Add(new RankedEntry(row.EntryId, total, rank, tied, row.Judges,
                row.ByCriterion.ToDictionary(p => p.Key, p => Math.Round(p.Value, Decimals, MidpointRounding.AwayFromZero))));
        }
        return result;
    }

    public static decimal? Aggregate(IReadOnlyList<decimal> values, ScoreAggregation aggregation)
    {
        if (values.Count == 0) return null;
        if (aggregation == ScoreAggregation.Mean) return values.Sum() / values.Count;
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, Decimals, MidpointRounding.AwayFromZero) : null;
}
