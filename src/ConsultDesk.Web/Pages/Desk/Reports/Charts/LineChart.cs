using System.Text;

namespace ConsultDesk.Web.Pages.Desk.Reports.Charts;

public sealed record Series(string Name, IReadOnlyList<int> Values);

/// <summary>Lines over periods (x: one point per period label, y: 0 to the largest value), with a legend.</summary>
public static class LineChart
{
    public const int Width = 640, Height = 260, Left = 40, Right = 32, Top = 12, Bottom = 64;

    public static string Render(string title, IReadOnlyList<string> periods, IReadOnlyList<Series> series)
    {
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var top = NiceCeiling(max);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(int i) => periods.Count <= 1 ? Left + plotW / 2.0 : Left + (double)i / (periods.Count - 1) * plotW;
        double Y(int v) => Top + plotH - (double)v / top * plotH;

        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart line-chart\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"{Svg.Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var k = 0; k <= 4; k++)
        {
            var v = top * k / 4;
            var y = Y(v);
            sb.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Svg.N(y)}\" y2=\"{Svg.N(y)}\" class=\"grid\"/>");
            sb.Append($"<text x=\"{Left - 4}\" y=\"{Svg.N(y + 4)}\" text-anchor=\"end\" class=\"axis\">{v}</text>");
        }
        var every = Math.Max(1, (int)Math.Ceiling(periods.Count / 12.0));
        for (var i = 0; i < periods.Count; i += every)
            sb.Append($"<text x=\"{Svg.N(X(i))}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\" class=\"axis\">{Svg.Esc(periods[i])}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var points = string.Join(' ', series[s].Values.Select((v, i) => $"{Svg.N(X(i))},{Svg.N(Y(v))}"));
            sb.Append($"<polyline points=\"{points}\" class=\"line series-{s}\" fill=\"none\"><title>{Svg.Esc(series[s].Name)}</title></polyline>");
            for (var i = 0; i < series[s].Values.Count; i++)
                sb.Append($"<circle cx=\"{Svg.N(X(i))}\" cy=\"{Svg.N(Y(series[s].Values[i]))}\" r=\"3\" class=\"series-{s}\"><title>{Svg.Esc(series[s].Name)} {Svg.Esc(i < periods.Count ? periods[i] : "")}: {series[s].Values[i]}</title></circle>");
            var lx = Left + s * (plotW / Math.Max(1, series.Count));
            var ly = Height - 20;
            sb.Append($"<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" class=\"series-{s}\"/><text x=\"{lx + 16}\" y=\"{ly + 11}\" class=\"legend\">{Svg.Esc(series[s].Name)}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The axis top: the value rounded up to a multiple of 4 so the four grid steps are whole numbers.</summary>
    public static int NiceCeiling(int max) => max <= 4 ? 4 : (max + 3) / 4 * 4;
}

public sealed record FunnelStage(string Label, int Count, string PercentText, string? Href = null);

/// <summary>A funnel: centred bars whose width is proportional to the stage's count against the first stage.</summary>
public static class FunnelChart
{
    public const int Width = 560, RowHeight = 34, MinWidth = 4;

    public static string Render(string title, IReadOnlyList<FunnelStage> stages)
    {
        var first = stages.Count == 0 ? 0 : stages[0].Count;
        var height = Math.Max(1, stages.Count) * RowHeight + 4;
        const int plot = Width - 240;
        const int centre = 120 + plot / 2;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart funnel-chart\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"group\" aria-label=\"{Svg.Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var w = WidthOf(stage.Count, first, plot);
            var y = 2 + i * RowHeight;
            var text = $"{stage.Label}: {stage.Count} ({stage.PercentText})";
            sb.Append(Svg.OpenLink(stage.Href, text));
            sb.Append($"<title>{Svg.Esc(text)}</title>");
            sb.Append($"<text x=\"112\" y=\"{y + 21}\" text-anchor=\"end\" class=\"label\">{Svg.Esc(stage.Label)}</text>");
            sb.Append($"<rect x=\"{Svg.N(centre - w / 2)}\" y=\"{y + 3}\" width=\"{Svg.N(w)}\" height=\"{RowHeight - 6}\" class=\"stage series-{i}\"/>");
            sb.Append($"<text x=\"{Width - 112}\" y=\"{y + 21}\" class=\"value\">{stage.Count} ({Svg.Esc(stage.PercentText)})</text>");
            sb.Append(Svg.CloseLink(stage.Href));
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Width of a stage's bar: proportional to the first stage, never wider than it, a sliver when empty.</summary>
    public static double WidthOf(int count, int first, int plot) =>
        first <= 0 ? MinWidth : Math.Max(MinWidth, Math.Min(1.0, (double)count / first) * plot);
}
