using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetVision.Suite.Reporting.Plots;

/// <summary>Per-class F1 as horizontal bars, one series per run.</summary>
public static class PerClassF1Plot
{
    /// <summary>Builds the plot.</summary>
    public static PlotModel Build(IReadOnlyList<(string Label, RunReport Report)> runs)
    {
        var classes = runs[0].Report.Metrics.Classes;
        var model = new PlotModel { Title = "F1 per class" };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, Title = "class", ItemsSource = classes });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "F1", Minimum = 0, Maximum = 1, MajorGridlineStyle = LineStyle.Dot });
        foreach (var (label, report) in runs)
        {
            var series = new BarSeries { Title = label };
            foreach (var name in classes)
                series.Items.Add(new BarItem(report.Metrics.PerClass.FirstOrDefault(c => c.Class == name)?.F1 ?? 0));
            model.Series.Add(series);
        }
        return model;
    }
}
