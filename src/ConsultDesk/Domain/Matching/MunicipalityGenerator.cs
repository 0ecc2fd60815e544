using ConsultDesk.Domain.LocalGovernments;

namespace ConsultDesk.Domain.Matching;

/// <summary>
/// Deterministic, realistic-looking municipality profiles for tests and benchmarks (2,000 × 5 offices is the
/// suggestion target). Real 団体 codes and names come first; beyond the master list, valid synthetic codes follow.
/// Everything it makes is marked as sample data.
/// </summary>
public static class MunicipalityGenerator
{
    private static readonly string[] OfficeKinds = ["サテライトオフィス", "コワーキングスペース", "シェアオフィス", "テレワークセンター", "ワーケーション拠点"];
    private static readonly string[] IncentiveNames = ["サテライトオフィス開設補助金", "進出企業の固定資産税減免", "移住者向け住宅支援", "お試し勤務支援", "通信環境整備補助"];

    public static IEnumerable<MunicipalityProfile> Generate(LocalGovernmentDirectory directory, int municipalities, int officesEach, DateTime nowUtc, int seed = 2026)
    {
        var random = new Random(seed);
        var real = directory.MunicipalitiesOn(DateOnly.FromDateTime(nowUtc)).ToList();
        for (var i = 0; i < municipalities; i++)
        {
            string code, name, kana, prefectureCode;
            if (i < real.Count)
                (code, name, kana, prefectureCode) = (real[i].Code, real[i].Name, real[i].NameKana, real[i].PrefectureCode);
            else
            {
                // Synthetic: the 9xx block of a prefecture is unused by real municipalities; the check digit is real.
                prefectureCode = ((i % 47) + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
                var five = $"{prefectureCode}9{i / 47 % 100:D2}";
                code = five + LocalGovernmentCode.CheckDigit(five);
                name = $"サンプル町{i}";
                kana = $"サンプルチョウ{i}";
            }
            var prefecture = Prefecture.Find(prefectureCode)!;
            var profile = MunicipalityProfile.Create(code, prefectureCode, prefecture.Region, nowUtc);
            var offices = Enumerable.Range(0, officesEach).Select(n =>
            {
                var seats = random.Next(4, 61);
                return SatelliteOffice.Create(code, $"{name}{OfficeKinds[(i + n) % OfficeKinds.Length]}{n + 1}", $"{prefecture.Name}{name}{random.Next(1, 30)}-{random.Next(1, 20)}",
                    seats, random.Next(0, seats + 1), random.Next(0, 16) * 1_000, (int)Math.Pow(2, random.Next(4, 11)), random.Next(0, 5),
                    random.Next(2) == 0 ? "平日 9:00〜18:00" : "毎日 8:00〜22:00", random.Next(40, 361));
            }).ToList();
            var incentives = Enumerable.Range(0, random.Next(0, 4)).Select(n =>
            {
                var kind = (IncentiveKind)random.Next(0, 4);
                return Incentive.Create(code, IncentiveNames[(i + n) % IncentiveNames.Length], kind,
                    kind == IncentiveKind.Subsidy ? random.Next(1, 51) * 100_000L : null, kind == IncentiveKind.Subsidy ? "1/2" : null,
                    "市外から進出する法人", null, null);
            }).ToList();
            string[] sizes = ["small", "medium", "large"];
            profile.Update(new MunicipalityDetails(name, kana, "企画政策課", $"kikaku-{code}@example.lg.jp", null, $"{name}のサテライトオフィス誘致（サンプルデータ）",
                    Industry.Divisions.Where(_ => random.Next(5) == 0).Select(d => d.Code).ToList(),
                    sizes.Where(_ => random.Next(3) == 0).ToList(),
                    random.Next(2) == 0, random.Next(2) == 0, IsPublished: random.Next(10) != 0, IsSample: true),
                offices, incentives, nowUtc);
            yield return profile;
        }
    }
}
