using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Matching;

/// <summary>Inserts municipality profiles straight into the app's database (the profile API is another slice).</summary>
public static class Profiles
{
    private static int next = 40;

    /// <summary>A synthetic, valid 団体 code in the prefecture's unused 9xx block, distinct within this test run.</summary>
    public static string NewCode(string prefectureCode)
    {
        var five = string.Create(CultureInfo.InvariantCulture, $"{prefectureCode}9{Interlocked.Increment(ref next) % 100:D2}");
        return five + LocalGovernmentCode.CheckDigit(five).ToString(CultureInfo.InvariantCulture);
    }

    public static async Task<MunicipalityProfile> AddAsync(ConsultDeskAppFactory app, string prefectureCode, string name, bool published = true,
        int free = 12, int fee = 8_000, int travel = 90, IncentiveKind[]? incentives = null, string[]? industries = null, bool sample = false)
    {
        var code = NewCode(prefectureCode);
        var now = DateTime.UtcNow;
        var profile = MunicipalityProfile.Create(code, prefectureCode, Prefecture.Find(prefectureCode)!.Region, now);
        profile.Update(
            new MunicipalityDetails(name, "テストシ", "企画政策課", $"secret-{code}@example.lg.jp", "0852000000", $"{name}の説明",
                industries ?? [], [], true, false, published, sample),
            [SatelliteOffice.Create(code, $"{name}サテライトオフィス", $"{name}1-1", free + 8, free, fee, 1000, 2, "平日 9:00〜18:00", travel),
             SatelliteOffice.Create(code, $"{name}コワーキング", $"{name}2-2", 10, 0, fee + 4_000, 100, 0, "毎日 8:00〜22:00", travel + 30)],
            (incentives ?? [IncentiveKind.Subsidy, IncentiveKind.Tax]).Select(kind =>
                Incentive.Create(code, $"{name}{kind}支援", kind, kind == IncentiveKind.Subsidy ? 2_000_000 : null, kind == IncentiveKind.Subsidy ? "1/2" : null, "市外から進出する法人", null, null)),
            now);
        await app.WithDbAsync(async db =>
        {
            db.MunicipalityProfiles.Add(profile);
            return await db.SaveChangesAsync();
        });
        return profile;
    }
}
