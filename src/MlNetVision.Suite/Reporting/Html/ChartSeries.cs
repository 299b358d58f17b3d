namespace MlNetVision.Suite.Reporting.Html;

/// <summary>A named series of points of an SVG chart.</summary>
/// <param name="Name">Shown in the legend and the tooltips.</param>
/// <param name="Points">The points, in drawing order.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>One point of a chart.</summary>
/// <param name="X">Horizontal value.</param>
/// <param name="Y">Vertical value.</param>
/// <param name="Tip">The tooltip shown on hover (plain text; new lines allowed).</param>
/// <param name="Label">A label written beside the point (scatter charts), or null.</param>
public sealed record ChartPoint(double X, double Y, string Tip, string? Label = null);
