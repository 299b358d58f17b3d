namespace MlNetVision.Suite.Reporting.Html;

/// <summary>A line chart (per-epoch curves): each series' points joined, each point with a hover tooltip.</summary>
public static class LineChart
{
    /// <summary>Renders the chart; the vertical axis fits the values, the horizontal one the epochs (whole-number ticks).</summary>
    public static string Render(string id, string title, string xTitle, string yTitle, IReadOnlyList<ChartSeries> series, Func<double, string>? yFormat = null)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var x = ChartAxis.Fit(xTitle, points.Select(p => p.X), minimumStep: 1);
        var y = ChartAxis.Fit(yTitle, points.Select(p => p.Y), yFormat);
        return SvgChart.Render(id, title, x, y, series, lines: true);
    }
}
