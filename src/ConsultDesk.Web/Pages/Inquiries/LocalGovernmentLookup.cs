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

    private DateOnly Today => ConsultDesk.Domain.Calendar.JapanTime.Today(clock);
}
