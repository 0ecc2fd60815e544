using System.Xml.Linq;
using ConsultDesk.Domain;
using ConsultDesk.Web.Pages.Desk.Reports.Charts;

namespace ConsultDesk.IntegrationTests.Reports;

/// <summary>The dashboard's SVG helpers on their own: the map's layout and shading, the funnel's widths, valid SVG.</summary>
public sealed class ChartTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_tile_map_places_each_of_the_47_prefectures_once_on_its_own_square()
    {
        Assert.Equal(47, TileMap.Layout.Count);
        Assert.Equal(Prefecture.All.Select(p => p.Code).Order(StringComparer.Ordinal), TileMap.Layout.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(47, TileMap.Layout.Values.Distinct().Count());
        Assert.All(TileMap.Layout.Values, place =>
        {
            Assert.InRange(place.Column, 0, TileMap.Columns - 1);
            Assert.InRange(place.Row, 0, TileMap.Rows - 1);
        });
    }

    [Fact]
    public void Hokkaido_is_top_right_and_Okinawa_bottom_left()
    {
        Assert.Equal((12, 0), TileMap.Layout["01"]);
        Assert.Equal((0, 10), TileMap.Layout["47"]);
        Assert.Equal(0, TileMap.Layout.Values.Min(p => p.Row));
        Assert.Equal(TileMap.Layout.Values.Max(p => p.Row), TileMap.Layout["47"].Row);
        // Tokyo sits east of Osaka, and Osaka east of Fukuoka.
        Assert.True(TileMap.Layout["13"].Column > TileMap.Layout["27"].Column);
        Assert.True(TileMap.Layout["27"].Column > TileMap.Layout["40"].Column);
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(1, 10, 1)]
    [InlineData(2, 10, 1)]
    [InlineData(3, 10, 2)]
    [InlineData(7, 10, 3)]
    [InlineData(8, 10, 4)]
    [InlineData(10, 10, 4)]
    [InlineData(1, 1, 4)]
    [InlineData(5, 0, 0)]
    public void Shading_runs_from_none_to_the_darkest_step_at_the_largest_count(int count, int max, int step) =>
        Assert.Equal(step, TileMap.StepOf(count, max));

    [Fact]
    public void The_legend_for_a_largest_count_of_ten_gives_whole_ranges()
    {
        Assert.Equal(new[] { (0, 0, 0), (1, 1, 2), (2, 3, 5), (3, 6, 7), (4, 8, 10) }, TileMap.Legend(10));
        Assert.Equal(new[] { (0, 0, 0), (4, 1, 1) }, TileMap.Legend(1));
        Assert.Equal(new[] { (0, 0, 0) }, TileMap.Legend(0));
    }

    [Fact]
    public void Every_count_falls_in_the_legend_range_of_its_shade()
    {
        for (var max = 1; max <= 40; max++)
        {
            var legend = TileMap.Legend(max);
            for (var count = 1; count <= max; count++)
            {
                var (step, from, to) = Assert.Single(legend, l => l.Step > 0 && l.From <= count && count <= l.To);
                Assert.Equal(step, TileMap.StepOf(count, max));
            }
        }
    }

    [Fact]
    public void The_map_is_svg_with_a_titled_linked_tile_per_prefecture()
    {
        var values = Prefecture.All.Select(p => new TileValue(p.Code, p.Code == "13" ? 3 : 0, $"/desk?prefectureCode={p.Code}&status=new,closed")).ToList();
        var svg = XElement.Parse(TileMap.Render("都道府県別 <件数>", values, english: false));

        Assert.Equal("都道府県別 <件数>", (string?)svg.Attribute("aria-label"));
        var tiles = svg.Elements(SvgNs + "a").ToList();
        Assert.Equal(47, tiles.Count);
        var tokyo = Assert.Single(tiles, t => (string?)t.Element(SvgNs + "title") == "東京都: 3");
        Assert.Equal("/desk?prefectureCode=13&status=new,closed", (string?)tokyo.Attribute("href"));
        Assert.Equal("shade-4", (string?)tokyo.Element(SvgNs + "rect")!.Attribute("class"));
        Assert.Contains(tiles, t => t.Elements(SvgNs + "text").Any(x => x.Value == "京都"));
        Assert.Contains(tiles, t => t.Elements(SvgNs + "text").Any(x => x.Value == "北海道"));
    }

    [Fact]
    public void Funnel_bars_narrow_with_their_counts_and_never_vanish()
    {
        Assert.Equal(320, FunnelChart.WidthOf(10, 10, 320));
        Assert.Equal(160, FunnelChart.WidthOf(5, 10, 320));
        Assert.Equal(FunnelChart.MinWidth, FunnelChart.WidthOf(0, 10, 320));
        Assert.Equal(FunnelChart.MinWidth, FunnelChart.WidthOf(0, 0, 320));

        var svg = XElement.Parse(FunnelChart.Render("funnel", [new("受付", 10, "100%", "/desk?x=1"), new("相談", 5, "50%"), new("成立", 0, "0%")]));
        var widths = svg.Descendants(SvgNs + "rect").Select(r => double.Parse((string)r.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(new[] { 320.0, 160.0, 4.0 }, widths);
        Assert.Single(svg.Elements(SvgNs + "a"));
    }

    [Fact]
    public void The_line_chart_draws_one_line_per_series_on_a_whole_number_axis()
    {
        Assert.Equal(4, LineChart.NiceCeiling(0));
        Assert.Equal(8, LineChart.NiceCeiling(5));
        Assert.Equal(12, LineChart.NiceCeiling(12));
        var svg = XElement.Parse(LineChart.Render("flow", ["2026-10", "2026-11"], [new("受付", [1, 3]), new("未完了", [1, 4])]));
        Assert.Equal(2, svg.Elements(SvgNs + "polyline").Count());
        Assert.Equal(4, svg.Elements(SvgNs + "circle").Count());
    }

    [Fact]
    public void Bars_scale_to_the_largest_value_and_escape_their_labels()
    {
        var svg = XElement.Parse(BarChart.Render("ages", [new("A & B", 2, "2"), new("<C>", 4, "4", "/desk?a=1&b=2")]));
        var widths = svg.Descendants(SvgNs + "rect").Select(r => (string)r.Attribute("width")!).ToList();
        Assert.Equal(2, widths.Count);
        Assert.Equal(double.Parse(widths[1], System.Globalization.CultureInfo.InvariantCulture) / 2, double.Parse(widths[0], System.Globalization.CultureInfo.InvariantCulture), 1);
        Assert.Contains(svg.Descendants(SvgNs + "text"), t => t.Value == "A & B");
        Assert.Equal("/desk?a=1&b=2", (string?)svg.Element(SvgNs + "a")!.Attribute("href"));
    }
}
