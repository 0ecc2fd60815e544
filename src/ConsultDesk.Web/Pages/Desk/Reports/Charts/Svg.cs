using System.Globalization;
using System.Text;

namespace ConsultDesk.Web.Pages.Desk.Reports.Charts;

/// <summary>Text and number formatting for hand-written SVG: XML-escaped text, invariant numbers.</summary>
internal static class Svg
{
    public static string Esc(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }

    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Opens a link when there is a target; the caller closes it with <see cref="CloseLink"/>.</summary>
    public static string OpenLink(string? href, string label) =>
        href is null ? "<g>" : $"<a href=\"{Esc(href)}\" aria-label=\"{Esc(label)}\">";

    public static string CloseLink(string? href) => href is null ? "</g>" : "</a>";
}

/// <summary>One bar: a label, its value, the text shown for it and where a click leads (the queue, filtered).</summary>
public sealed record Bar(string Label, double Value, string ValueText, string? Href = null);

/// <summary>Horizontal bars, one row each, scaled to the largest value.</summary>
public static class BarChart
{
    public const int Width = 560, RowHeight = 24, LabelWidth = 180;

    public static string Render(string title, IReadOnlyList<Bar> bars)
    {
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var height = Math.Max(1, bars.Count) * RowHeight + 8;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart bar-chart\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"group\" aria-label=\"{Svg.Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        var plot = Width - LabelWidth - 60;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + i * RowHeight;
            var w = max <= 0 ? 0 : bar.Value / max * plot;
            sb.Append(Svg.OpenLink(bar.Href, $"{bar.Label}: {bar.ValueText}"));
            sb.Append($"<title>{Svg.Esc(bar.Label)}: {Svg.Esc(bar.ValueText)}</title>");
            sb.Append($"<text x=\"{LabelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\" class=\"label\">{Svg.Esc(bar.Label)}</text>");
            sb.Append($"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{Svg.N(w)}\" height=\"{RowHeight - 6}\" class=\"bar\"/>");
            sb.Append($"<text x=\"{Svg.N(LabelWidth + w + 4)}\" y=\"{y + 16}\" class=\"value\">{Svg.Esc(bar.ValueText)}</text>");
            sb.Append(Svg.CloseLink(bar.Href));
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}

/// <summary>A segment of a stacked bar: its series index (colour), value and drill-down.</summary>
public sealed record Segment(int Series, int Value, string? Href = null);

public sealed record StackedRow(string Label, IReadOnlyList<Segment> Segments);

/// <summary>Horizontal stacked bars (e.g. consultant × status), scaled to the largest row total, with a legend.</summary>
public static class StackedBarChart
{
    public const int Width = 560, RowHeight = 24, LabelWidth = 160;

    public static string Render(string title, IReadOnlyList<string> seriesNames, IReadOnlyList<StackedRow> rows)
    {
        var max = rows.Count == 0 ? 0 : rows.Max(r => r.Segments.Sum(s => s.Value));
        var legendRows = (seriesNames.Count + 3) / 4;
        var height = Math.Max(1, rows.Count) * RowHeight + 12 + legendRows * 18;
        var plot = Width - LabelWidth - 40;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart stacked-chart\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"group\" aria-label=\"{Svg.Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = 4 + i * RowHeight;
            sb.Append($"<text x=\"{LabelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\" class=\"label\">{Svg.Esc(row.Label)}</text>");
            double x = LabelWidth;
            foreach (var segment in row.Segments.Where(s => s.Value > 0))
            {
                var w = max <= 0 ? 0 : (double)segment.Value / max * plot;
                var name = seriesNames[segment.Series];
                sb.Append(Svg.OpenLink(segment.Href, $"{row.Label} {name}: {segment.Value}"));
                sb.Append($"<title>{Svg.Esc(row.Label)} {Svg.Esc(name)}: {segment.Value}</title>");
                sb.Append($"<rect x=\"{Svg.N(x)}\" y=\"{y + 3}\" width=\"{Svg.N(w)}\" height=\"{RowHeight - 6}\" class=\"series-{segment.Series}\"/>");
                sb.Append(Svg.CloseLink(segment.Href));
                x += w;
            }
            sb.Append($"<text x=\"{Svg.N(x + 4)}\" y=\"{y + 16}\" class=\"value\">{row.Segments.Sum(s => s.Value)}</text>");
        }
        var legendTop = 8 + Math.Max(1, rows.Count) * RowHeight;
        for (var s = 0; s < seriesNames.Count; s++)
        {
            var lx = 10 + s % 4 * (Width / 4);
            var ly = legendTop + s / 4 * 18;
            sb.Append($"<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" class=\"series-{s}\"/><text x=\"{lx + 16}\" y=\"{ly + 11}\" class=\"legend\">{Svg.Esc(seriesNames[s])}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
