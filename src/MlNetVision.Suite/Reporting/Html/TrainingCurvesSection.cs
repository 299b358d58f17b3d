using MlNetVision.Training;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>Per-epoch curves as interactive SVG charts: training loss; training, validation and monitored test accuracy; learning rate.</summary>
public static class TrainingCurvesSection
{
    /// <summary>Appends the section.</summary>
    public static void Append(HtmlBuilder h, RunPageInput input)
    {
        var history = input.Report.History;
        h.Open("section", ("id", "curves")).Element("h2", "Training curves");
        if (history.Count == 0)
        {
            h.Element("p", "No epochs were recorded in this run.", ("class", "missing")).Close("section");
            return;
        }
        h.Element("p", "Hover over a point to read its value.", ("class", "note"));
        h.Open("div", ("class", "charts"));
        h.Raw(LineChart.Render("chart-loss", "Training loss", "epoch", "cross-entropy",
            [Series("training loss", history, e => e.TrainLoss)]));
        var accuracy = new List<ChartSeries> { Series("training", history, e => e.TrainAccuracy) };
        if (history.Any(e => e.ValidationAccuracy is not null)) accuracy.Add(Series("validation", history, e => e.ValidationAccuracy));
        if (history.Any(e => e.MonitorAccuracy is not null)) accuracy.Add(Series("test (monitor)", history, e => e.MonitorAccuracy));
        h.Raw(LineChart.Render("chart-accuracy", "Accuracy", "epoch", "accuracy", accuracy));
        h.Raw(LineChart.Render("chart-learning-rate", "Learning rate (end of epoch)", "epoch", "learning rate",
            [Series("learning rate", history, e => e.LearningRate, "G4")], v => HtmlText.Number(v, "G3")));
        h.Close("div").Close("section");
    }

    /// <summary>One curve: the epochs where <paramref name="value"/> has a value, each with a tooltip.</summary>
    public static ChartSeries Series(string name, IReadOnlyList<EpochRecord> history, Func<EpochRecord, double?> value, string format = "0.0000") =>
        new(name, history.Where(e => value(e) is not null)
            .Select(e => new ChartPoint(e.Epoch, value(e)!.Value, $"{name}\nepoch {e.Epoch}: {HtmlText.Number(value(e)!.Value, format)}"))
            .ToList());
}
