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
        // padding leaves room for the run labels written right of each point
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "training time (minutes, log scale)", MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.05, MaximumPadding = 0.45 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "test accuracy", MajorGridlineStyle = LineStyle.Dot, MinimumPadding = 0.1, MaximumPadding = 0.12 });
        var points = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerSize = 6 };
        foreach (var (label, report) in runs)
        {
            double minutes = Math.Max(report.Timing.TrainSeconds / 60, 0.01);
            points.Points.Add(new ScatterPoint(minutes, report.Metrics.Accuracy));
            model.Annotations.Add(new TextAnnotation
            {
                Text = label, TextPosition = new DataPoint(minutes, report.Metrics.Accuracy), Offset = new ScreenVector(8, -4),
                TextHorizontalAlignment = HorizontalAlignment.Left, Stroke = OxyColors.Transparent,
            });
        }
        model.Series.Add(points);
        return model;
    }
}
