using ConsultDesk.Domain;
using ConsultDesk.Domain.LocalGovernments;

namespace ConsultDesk.Web.Pages.Inquiries;

/// <summary>The municipality picker's view of the master table: current entries grouped by prefecture.</summary>
public sealed class LocalGovernmentLookup(LocalGovernmentDirectory directory, TimeProvider clock)
{
    public LocalGovernment? Find(string code) => directory.Find(code) is { } entry && entry.IsCurrentOn(Today) ? entry : null;

    public IEnumerable<(Prefecture Prefecture, IReadOnlyList<LocalGovernment> Entries)> ByPrefecture()
    {
        var current = directory.All.Where(e => e.Kind != "ward" && e.IsCurrentOn(Today)).ToLookup(e => e.PrefectureCode);
        foreach (var prefecture in Prefecture.All)
            yield return (prefecture, current[prefecture.Code].ToList());
    }

    /// <summary>
    /// The picker's entry for a 団体コード a postal code gave: the entry itself, or for a ward of a designated city
    /// (which the picker does not list) the city (wards are numbered just after their city: 札幌市 011002, 中央区 011011).
    /// </summary>
    public LocalGovernment? PickerEntryFor(string code)
    {
        if (Find(code) is not { } entry) return null;
        if (entry.Kind != "ward") return entry;
        return directory.All
            .Where(e => e.Kind == "designated-city" && e.PrefectureCode == entry.PrefectureCode && string.CompareOrdinal(e.Code, entry.Code) < 0 && e.IsCurrentOn(Today))
            .MaxBy(e => e.Code, StringComparer.Ordinal);
    }

    private DateOnly Today => ConsultDesk.Domain.Calendar.JapanTime.Today(clock);
}
