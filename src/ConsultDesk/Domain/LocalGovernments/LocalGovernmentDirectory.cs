using System.Collections.Frozen;

namespace ConsultDesk.Domain.LocalGovernments;

public sealed record LocalGovernment(
    string Code, string PrefectureCode, string Name, string NameKana, string Kind, DateOnly EffectiveFrom, DateOnly? AbolishedOn)
{
    public bool IsCurrentOn(DateOnly day) => EffectiveFrom <= day && (AbolishedOn is null || day < AbolishedOn);
}

/// <summary>
/// The dated master table of 全国地方公共団体コード shipped with the app (see SOURCE.md beside the CSV).
/// Codes change with mergers, so each row carries the day it took effect and the day it was abolished.
/// </summary>
public sealed class LocalGovernmentDirectory
{
    private readonly FrozenDictionary<string, LocalGovernment> byCode;

    public LocalGovernmentDirectory(IEnumerable<LocalGovernment> entries)
    {
        All = entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToArray();
        byCode = All.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<LocalGovernment> All { get; }

    public LocalGovernment? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>Municipalities (not prefectures or designated-city wards) current on the given day, in code order.</summary>
    public IEnumerable<LocalGovernment> MunicipalitiesOn(DateOnly day) =>
        All.Where(e => e.Kind is not "prefecture" and not "ward" && e.IsCurrentOn(day));

    public static LocalGovernmentDirectory LoadEmbedded()
    {
        var assembly = typeof(LocalGovernmentDirectory).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("local-government-codes.csv", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return new LocalGovernmentDirectory(Parse(reader));
    }

    internal static IEnumerable<LocalGovernment> Parse(TextReader reader)
    {
        // The file is our own, plain CSV with no quoted fields: code,prefecture_code,prefecture,name,name_kana,kind,effective_from,abolished_on
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            yield return new LocalGovernment(f[0], f[1], f[3], f[4], f[5], DateOnly.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture),
                f[7].Length == 0 ? null : DateOnly.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
