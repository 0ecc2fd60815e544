using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Matching;

namespace ConsultDesk.UnitTests.Matching;

public sealed class CompanyNeedsValidatorTests
{
    private static readonly UpdateCompanyNeeds.Validator Validator = new();

    private static UpdateCompanyNeeds.Body Valid() =>
        new(["17", "18"], ["chubu"], 10, 15_000, 100, "G", CompanySize.Medium, "2027年4月", ["cost", "access"], "駅に近いこと");

    private static IReadOnlyList<string> Failures(UpdateCompanyNeeds.Body body) =>
        Validator.Validate(new UpdateCompanyNeeds.Command("CD-2026-000001", body)).Errors.Select(e => e.PropertyName).ToList();

    [Fact]
    public void Complete_needs_are_valid()
    {
        Assert.Empty(Failures(Valid()));
        Assert.Empty(Failures(new UpdateCompanyNeeds.Body(null, null, null, null, null, null, null, null, null, null)));
    }

    [Fact]
    public void Unknown_prefectures_regions_industries_and_priorities_are_refused()
    {
        var failures = Failures(Valid() with { PreferredPrefectureCodes = ["48"], PreferredRegions = ["atlantis"], Industry = "Z", Priorities = ["beauty"] });

        Assert.Contains(failures, f => f.StartsWith("preferredPrefectureCodes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("preferredRegions", StringComparison.Ordinal));
        Assert.Contains("industry", failures);
        Assert.Contains(failures, f => f.StartsWith("priorities", StringComparison.Ordinal));
    }

    [Fact]
    public void Negative_seats_budget_and_bandwidth_are_refused_and_zero_is_fine()
    {
        var failures = Failures(Valid() with { SeatsNeeded = -1, BudgetPerSeatYen = -1, RequiredBandwidthMbps = -1 });

        Assert.Equal(["seatsNeeded", "budgetPerSeatYen", "requiredBandwidthMbps"], failures);
        Assert.Empty(Failures(Valid() with { SeatsNeeded = 0, BudgetPerSeatYen = 0, RequiredBandwidthMbps = 0 }));
    }

    [Fact]
    public void Every_region_of_the_prefecture_list_is_known()
    {
        Assert.Equal(["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu-okinawa"], UpdateCompanyNeeds.Regions);
    }
}
