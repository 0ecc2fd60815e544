using System.Text.Json;

namespace ConsultDesk.Web.Accessibility;

/// <summary>
/// The result of the axe-core scan of every public page, as the browser test
/// (tests/ConsultDesk.IntegrationTests/Browser/AccessibilityBrowserTests.cs) writes it to
/// <c>Accessibility/axe-results.json</c> and <c>/accessibility</c> shows it. Nobody writes this file by hand.
/// </summary>
public sealed record AccessibilityReport(
    DateTimeOffset TestedAt,
    string Standard,
    IReadOnlyList<string> Tags,
    string AxeVersion,
    string BrowserVersion,
    IReadOnlyList<AccessibilityReport.PageResult> Pages)
{
    /// <summary>The file's path under the content root (copied to the build output and the published folder).</summary>
    public const string RelativePath = "Accessibility/axe-results.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One scanned page. <see cref="Outcome"/> is passed, failed, or not-found (a page not built yet, skipped).</summary>
    public sealed record PageResult(string Path, string NameJa, string NameEn, string Outcome, IReadOnlyList<Violation> Violations)
    {
        public const string Passed = "passed";
        public const string Failed = "failed";
        public const string NotFound = "not-found";
    }

    /// <summary>One violated axe rule on a page and how many elements broke it.</summary>
    public sealed record Violation(string Rule, string? Impact, string Help, int Elements);

    public int Passed => Pages.Count(p => p.Outcome == PageResult.Passed);

    public int Failed => Pages.Count(p => p.Outcome == PageResult.Failed);

    public int NotFound => Pages.Count(p => p.Outcome == PageResult.NotFound);

    /// <summary>The stored report, or null when the file is missing or unreadable (the page then says there is no result).</summary>
    public static AccessibilityReport? Load(string contentRoot)
    {
        var path = Path.Combine(contentRoot, RelativePath);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<AccessibilityReport>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }
}
