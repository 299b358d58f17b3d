using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetVision.Suite.Reporting.Plots;

/// <summary>Test accuracy against training time, one labelled point per run.</summary>
public static class AccuracyVsTimePlot
{
    /// <summary>Builds the plot.</summary>
    public static PlotModel Build(IReadOnlyList<(string Label, RunReport Report)> runs)
    {
        var model = new PlotModel { Title = "Test accuracy against training time" };
        // the unit fits the longest run (seconds, minutes or hours), so tick labels read 30, 2, 1.5 rather than 0.0264
        var (unit, scale) = Durations.UnitFor(runs.Count == 0 ? 0 : runs.Max(r => r.Report.Timing.TrainSeconds));
        // padding leaves room for the run labels written right of each point
        model.Axes.Add(new LogarithmicAxis
        {
            Position = AxisPosition.Bottom, Title = $"training time ({Durations.LongName(unit)}, log scale)", MajorGridlineStyle = LineStyle.Dot,
            MinimumPadding = 0.05, MaximumPadding = 0.45, StringFormat = "0.###",
        });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "test accuracy", MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.1, MaximumPadding = 0.12 });
        var points = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerSize = 6 };
        foreach (var (label, report) in runs)
        {
            double time = Math.Max(report.Timing.TrainSeconds / scale, 0.01);
            points.Points.Add(new ScatterPoint(time, report.Metrics.Accuracy));
            model.Annotations.Add(new TextAnnotation
            {
                Text = label, TextPosition = new DataPoint(time, report.Metrics.Accuracy), Offset = new ScreenVector(8, -4),
                TextHorizontalAlignment = HorizontalAlignment.Left, Stroke = OxyColors.Transparent,
            });
        }
        model.Series.Add(points);
        return model;
    }
}
