using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Reporting;

/// <summary>The readable companion of <c>report.json</c>: headline metrics, per-class table, confusion matrix, history.</summary>
public static class SummaryMarkdown
{
    /// <summary>Renders <paramref name="report"/> as Markdown.</summary>
    public static string Render(RunReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var m = report.Metrics;
        var s = new StringBuilder();
        s.AppendLine(c, $"# {report.Experiment} ({report.Model})");
        s.AppendLine();
        s.AppendLine(c, $"Status: {report.Status}. Trained on {report.Dataset.TrainCount:N0} images, tested on {report.Dataset.TestCount:N0}; " +
                        $"{report.Config.Trainer.EpochCount():0.##} epochs in {Durations.Format(report.Timing.TrainSeconds)} ({report.Timing.TrainImagesPerSecond:0} img/s); " +
                        $"evaluation through the saved ML.NET model at {report.Timing.EvalImagesPerSecond:0} img/s.");
        s.AppendLine();
        s.AppendLine("| metric | value |");
        s.AppendLine("| --- | --- |");
        s.AppendLine(c, $"| accuracy | {m.Accuracy:0.0000} |");
        s.AppendLine(c, $"| macro accuracy | {m.MacroAccuracy:0.0000} |");
        s.AppendLine(c, $"| macro F1 | {m.MacroF1:0.0000} |");
        s.AppendLine(c, $"| weighted F1 | {m.WeightedF1:0.0000} |");
        s.AppendLine(c, $"| log-loss | {m.LogLoss:0.0000} |");
        s.AppendLine(c, $"| top-{m.TopK} accuracy | {m.TopKAccuracy:0.0000} |");
        if (report.MetricsWithoutTestTimeAugmentation is { } one)
            s.AppendLine(c, $"| accuracy without test-time augmentation (one view) | {one.Accuracy:0.0000} |");
        s.AppendLine();
        s.AppendLine("| class | precision | recall | F1 | support |");
        s.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var row in m.PerClass)
            s.AppendLine(c, $"| {row.Class} | {row.Precision:0.0000} | {row.Recall:0.0000} | {row.F1:0.0000} | {row.Support} |");
        s.AppendLine();
        s.AppendLine("Confusion matrix (rows: true class, columns: predicted):");
        s.AppendLine();
        s.AppendLine("| true \\ predicted | " + string.Join(" | ", m.Classes) + " |");
        s.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" --- |", m.Classes.Count)));
        for (int i = 0; i < m.Classes.Count; i++)
            s.AppendLine($"| {m.Classes[i]} | " + string.Join(" | ", m.ConfusionMatrix[i]) + " |");
        s.AppendLine();
        s.AppendLine("| epoch | train loss | train accuracy | validation accuracy | monitored test accuracy | seconds | training seconds so far |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        double elapsed = 0;
        foreach (var h in report.History)
        {
            elapsed += h.Seconds;
            s.AppendLine(c, $"| {h.Epoch} | {h.TrainLoss:0.0000} | {h.TrainAccuracy:0.0000} | {Optional(h.ValidationAccuracy)} | {Optional(h.MonitorAccuracy)} | {h.Seconds:0.0} | {elapsed:0.0} |");
        }
        foreach (var note in report.Notes) s.AppendLine().AppendLine(note);
        return s.ToString();
    }

    private static string Optional(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
}
