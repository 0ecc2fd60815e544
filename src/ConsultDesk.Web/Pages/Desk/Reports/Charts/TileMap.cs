using System.Text;
using ConsultDesk.Domain;

namespace ConsultDesk.Web.Pages.Desk.Reports.Charts;

/// <summary>A count for one prefecture on the map and where its tile leads.</summary>
public sealed record TileValue(string Code, int Count, string? Href);

/// <summary>
/// Japan's 47 prefectures as a tile-grid cartogram: one square each at its rough place (Hokkaido top right, Okinawa
/// bottom left), shaded in <see cref="Steps"/> steps from zero to the largest count. Drawn on the server as inline SVG.
/// </summary>
public static class TileMap
{
    public const int Tile = 46, Gap = 3, Columns = 13, Rows = 11, Steps = 4;

    /// <summary>Column and row of each prefecture by JIS code.</summary>
    public static readonly IReadOnlyDictionary<string, (int Column, int Row)> Layout = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["01"] = (12, 0),
        ["02"] = (11, 1),
        ["05"] = (11, 2), ["03"] = (12, 2),
        ["06"] = (11, 3), ["04"] = (12, 3),
        ["17"] = (8, 4), ["16"] = (9, 4), ["15"] = (10, 4), ["07"] = (11, 4),
        ["32"] = (3, 5), ["31"] = (4, 5), ["28"] = (5, 5), ["26"] = (6, 5), ["18"] = (7, 5), ["21"] = (8, 5), ["20"] = (9, 5),
        ["10"] = (10, 5), ["09"] = (11, 5), ["08"] = (12, 5),
        ["41"] = (0, 6), ["40"] = (1, 6), ["35"] = (2, 6), ["34"] = (3, 6), ["33"] = (4, 6), ["27"] = (5, 6), ["25"] = (6, 6),
        ["24"] = (7, 6), ["23"] = (8, 6), ["19"] = (9, 6), ["11"] = (10, 6), ["13"] = (11, 6), ["12"] = (12, 6),
        ["42"] = (0, 7), ["43"] = (1, 7), ["44"] = (2, 7), ["38"] = (3, 7), ["37"] = (4, 7), ["30"] = (5, 7), ["29"] = (6, 7),
        ["22"] = (9, 7), ["14"] = (10, 7),
        ["46"] = (1, 8), ["45"] = (2, 8), ["39"] = (3, 8), ["36"] = (4, 8),
        ["47"] = (0, 10),
    };

    /// <summary>Shade step of a count: 0 for none, else 1..<see cref="Steps"/> by its share of the largest count.</summary>
    public static int StepOf(int count, int max) =>
        count <= 0 || max <= 0 ? 0 : Math.Clamp((int)Math.Ceiling((double)count * Steps / max), 1, Steps);

    /// <summary>The counts each step covers (from, to inclusive); a step with no whole count is left out.</summary>
    public static IReadOnlyList<(int Step, int From, int To)> Legend(int max)
    {
        var steps = new List<(int, int, int)> { (0, 0, 0) };
        for (var step = 1; step <= Steps && max > 0; step++)
        {
            var from = (step - 1) * max / Steps + 1;
            var to = step * max / Steps;
            if (from <= to) steps.Add((step, from, to));
        }
        return steps;
    }

    public static string Render(string title, IReadOnlyList<TileValue> values, bool english)
    {
        var max = values.Count == 0 ? 0 : values.Max(v => v.Count);
        const int width = Columns * (Tile + Gap);
        const int height = Rows * (Tile + Gap);
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart tile-map\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"group\" aria-label=\"{Svg.Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var value in values)
        {
            if (!Layout.TryGetValue(value.Code, out var place) || Prefecture.Find(value.Code) is not { } prefecture) continue;
            var x = place.Column * (Tile + Gap);
            var y = place.Row * (Tile + Gap);
            var name = english ? prefecture.NameEn : prefecture.Name;
            var step = StepOf(value.Count, max);
            var label = $"{name}: {value.Count}";
            sb.Append(Svg.OpenLink(value.Href, label).Replace("<a ", $"<a class=\"tile\" data-code=\"{value.Code}\" ", StringComparison.Ordinal));
            sb.Append($"<title>{Svg.Esc(label)}</title>");
            sb.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{Tile}\" height=\"{Tile}\" rx=\"3\" class=\"shade-{step}\"/>");
            sb.Append($"<text x=\"{x + Tile / 2}\" y=\"{y + 19}\" text-anchor=\"middle\" class=\"tile-name shade-text-{step}\">{Svg.Esc(ShortName(prefecture, english))}</text>");
            sb.Append($"<text x=\"{x + Tile / 2}\" y=\"{y + 37}\" text-anchor=\"middle\" class=\"tile-count shade-text-{step}\">{value.Count}</text>");
            sb.Append(Svg.CloseLink(value.Href));
        }
        // Legend in the empty sea at the bottom right.
        var legend = Legend(max);
        for (var i = 0; i < legend.Count; i++)
        {
            var (step, from, to) = legend[i];
            var lx = 7 * (Tile + Gap);
            var ly = 8 * (Tile + Gap) + 4 + i * 18;
            var range = step == 0 ? "0" : from == to ? $"{from}" : $"{from}–{to}";
            sb.Append($"<rect x=\"{lx}\" y=\"{ly}\" width=\"14\" height=\"14\" class=\"shade-{step}\"/><text x=\"{lx + 20}\" y=\"{ly + 12}\" class=\"legend\">{range}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The name on a tile: Japanese without the final 都/府/県 (京都府 is 京都, 北海道 stays whole), English at most eight letters.</summary>
    public static string ShortName(Prefecture prefecture, bool english) => english
        ? prefecture.NameEn.Length <= 8 ? prefecture.NameEn : prefecture.NameEn[..7] + "."
        : prefecture.Name[^1] is '都' or '府' or '県' ? prefecture.Name[..^1] : prefecture.Name;
}
