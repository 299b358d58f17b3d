using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetVision.Suite.Reporting.Plots;

/// <summary>Per-epoch training loss (left) or accuracy (right) of several runs, one line per run.</summary>
public static class TrainingCurvesPlot
{
    /// <summary>Training loss per epoch.</summary>
    public static PlotModel Loss(IReadOnlyList<(string Label, RunReport Report)> runs) =>
        Build("Training loss per epoch", "training loss (cross-entropy)", runs, h => h.TrainLoss);

    /// <summary>Validation accuracy per epoch (training accuracy for runs without a validation split).</summary>
    public static PlotModel Accuracy(IReadOnlyList<(string Label, RunReport Report)> runs) =>
        Build("Accuracy per epoch (validation; training where no validation split)", "accuracy", runs, h => h.ValidationAccuracy ?? h.TrainAccuracy);

    private static PlotModel Build(string title, string yTitle, IReadOnlyList<(string Label, RunReport Report)> runs, Func<Training.EpochRecord, double> value)
    {
        var model = new PlotModel { Title = title };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "epoch", MinimumMajorStep = 1, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = yTitle, MajorGridlineStyle = LineStyle.Dot });
        foreach (var (label, report) in runs)
        {
            var series = new LineSeries { Title = label, MarkerType = MarkerType.Circle, MarkerSize = 3 };
            foreach (var epoch in report.History) series.Points.Add(new DataPoint(epoch.Epoch, value(epoch)));
            model.Series.Add(series);
        }
        return model;
    }
}
