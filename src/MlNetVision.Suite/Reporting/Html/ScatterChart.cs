namespace MlNetVision.Suite.Reporting.Html;

/// <summary>A scatter chart: labelled points with hover tooltips, optionally on a logarithmic horizontal axis.</summary>
public static class ScatterChart
{
    /// <summary>Renders the points as one series.</summary>
    public static string Render(string id, string title, ChartAxis x, ChartAxis y, IReadOnlyList<ChartPoint> points) =>
        SvgChart.Render(id, title, x, y, [new ChartSeries("runs", points)], lines: false);
}
