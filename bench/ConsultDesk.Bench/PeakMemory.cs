using System.Globalization;

namespace ConsultDesk.Bench;

/// <summary>
/// The app's peak RSS so far (VmHWM) and its RSS now, read after each phase of <c>bench http</c>: the peak only ever rises,
/// so the phase after which it rose is the one that set it. Needs <c>--app-pid</c> (Linux).
/// </summary>
public static class PeakMemory
{
    public static void Write(Arguments arguments, string phase)
    {
        if (!int.TryParse(arguments.Get("app-pid", ""), CultureInfo.InvariantCulture, out var pid) || !File.Exists($"/proc/{pid}/status")) return;
        double Megabytes(string field) =>
            File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0).FirstOrDefault();
        var peak = Megabytes("VmHWM");
        var now = Megabytes("VmRSS");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after {phase}: peak RSS {peak:F0} MB, RSS now {now:F0} MB"));
        Results.Write(arguments, $"peak RSS after {phase}", peak, "MB", new { rssNow = now });
    }
}
