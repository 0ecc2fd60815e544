using System.Text.Json;

namespace ConsultDesk.Bench;

/// <summary>
/// One measured figure, appended as a JSON line to the file given by <c>--results</c>; bench/report.py turns the lines
/// of one run into the table with targets and floors.
/// </summary>
public static class Results
{
    private static readonly Lock Gate = new();
    // A URL that got no request in a short phase has a NaN percentile; JSON has no NaN, so it is written as a string.
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Write(Arguments arguments, string metric, double? value, string unit, object? extra = null)
    {
        var line = JsonSerializer.Serialize(new
        {
            db = arguments.Get("db", "-"),
            size = arguments.Get("size", "-"),
            metric,
            value = value is { } v && double.IsNaN(v) ? null : value,
            unit,
            extra,
        }, Options);
        Console.WriteLine($"[result] {line}");
        if (arguments.Get("results", "") is not { Length: > 0 } path) return;
        lock (Gate) File.AppendAllText(path, line + "\n");
    }

    /// <summary>The nearest-rank percentile of an already sorted list.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
