using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Reporting;

/// <summary>
/// Mean ± standard deviation of every metric of several runs of one experiment that differ only by seed
/// (<c>run --seeds N</c>): written beside the runs as <c>seeds.json</c> and <c>seeds.md</c>.
/// </summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Model">Its model.</param>
/// <param name="Seeds">The seeds, in run order.</param>
/// <param name="Metrics">Headline metrics by report field name (accuracy, macroF1, …, trainSeconds), plus
/// <c>runSecondsWithoutMonitor</c> and, when every run was monitored and got there, <c>trainSecondsTo90</c> and
/// <c>trainSecondsTo93</c> (see <see cref="RunTimes"/>).</param>
/// <param name="PerClass">Per class: precision, recall and F1.</param>
public sealed record SeedSummary(string Experiment, string Model, IReadOnlyList<int> Seeds,
    IReadOnlyDictionary<string, MeanStd> Metrics, IReadOnlyList<SeedClassSummary> PerClass)
{
    /// <summary>The JSON file name.</summary>
    public const string JsonFile = "seeds.json";

    /// <summary>The metric key of the one-view (no test-time augmentation) accuracy.</summary>
    public const string SingleViewAccuracy = "accuracyWithoutTestTimeAugmentation";

    /// <summary>The metric key of the whole run's wall time without the test monitor (<see cref="RunTimes.WithoutMonitor"/>).</summary>
    public const string RunSecondsWithoutMonitor = "runSecondsWithoutMonitor";

    /// <summary>The Markdown file name.</summary>
    public const string MarkdownFile = "seeds.md";

    /// <summary>Summarises <paramref name="reports"/> (one experiment, several seeds).</summary>
    public static SeedSummary From(IReadOnlyList<RunReport> reports)
    {
        if (reports.Count == 0) throw new ArgumentException("No reports.", nameof(reports));
        MeanStd Of(Func<RunReport, double> metric) => MeanStd.Of(reports.Select(metric));
        var metrics = new Dictionary<string, MeanStd>
        {
            ["accuracy"] = Of(r => r.Metrics.Accuracy),
            ["macroAccuracy"] = Of(r => r.Metrics.MacroAccuracy),
            ["macroF1"] = Of(r => r.Metrics.MacroF1),
            ["weightedF1"] = Of(r => r.Metrics.WeightedF1),
            ["logLoss"] = Of(r => r.Metrics.LogLoss),
            ["topKAccuracy"] = Of(r => r.Metrics.TopKAccuracy),
            ["trainSeconds"] = Of(r => r.Timing.TrainSeconds),
            ["trainImagesPerSecond"] = Of(r => r.Timing.TrainImagesPerSecond),
            ["evalImagesPerSecond"] = Of(r => r.Timing.EvalImagesPerSecond),
            ["totalSeconds"] = Of(r => r.Timing.TotalSeconds),
            [RunSecondsWithoutMonitor] = Of(RunTimes.WithoutMonitor),
        };
        foreach (var threshold in RunTimes.Thresholds)
            if (reports.All(r => RunTimes.TrainSecondsTo(r, threshold) is not null))
                metrics[RunTimes.MetricName(threshold)] = Of(r => RunTimes.TrainSecondsTo(r, threshold)!.Value);
        if (reports.All(r => r.MetricsWithoutTestTimeAugmentation is not null))
        {
            metrics[SingleViewAccuracy] = Of(r => r.MetricsWithoutTestTimeAugmentation!.Accuracy);
            metrics["macroF1WithoutTestTimeAugmentation"] = Of(r => r.MetricsWithoutTestTimeAugmentation!.MacroF1);
        }
        var classes = reports[0].Metrics.PerClass.Select(c => c.Class).ToList();
        var perClass = classes.Select((name, i) => new SeedClassSummary(name,
            MeanStd.Of(reports.Select(r => r.Metrics.PerClass[i].Precision)),
            MeanStd.Of(reports.Select(r => r.Metrics.PerClass[i].Recall)),
            MeanStd.Of(reports.Select(r => r.Metrics.PerClass[i].F1)))).ToList();
        return new SeedSummary(reports[0].Experiment, reports[0].Model, reports.Select(r => r.Config.Trainer.Seed).ToList(), metrics, perClass);
    }

    /// <summary>The readable table.</summary>
    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# {Experiment} ({Model}): {Seeds.Count} seeds ({string.Join(", ", Seeds)})");
        s.AppendLine();
        s.AppendLine("Mean ± sample standard deviation over the seeds.");
        s.AppendLine();
        s.AppendLine("| metric | mean ± std | runs |");
        s.AppendLine("| --- | --- | --- |");
        foreach (var (name, value) in Metrics)
            s.AppendLine(c, $"| {name} | {value.Format(name.Contains("Seconds") || name.Contains("PerSecond") ? "0.0" : "0.0000")} | {value.Count} |");
        s.AppendLine();
        s.AppendLine("| class | precision | recall | F1 |");
        s.AppendLine("| --- | --- | --- | --- |");
        foreach (var row in PerClass) s.AppendLine(c, $"| {row.Class} | {row.Precision.Format()} | {row.Recall.Format()} | {row.F1.Format()} |");
        return s.ToString();
    }
}

/// <summary>One class over seeds.</summary>
/// <param name="Class">Class name.</param>
/// <param name="Precision">Precision over seeds.</param>
/// <param name="Recall">Recall over seeds.</param>
/// <param name="F1">F1 over seeds.</param>
public sealed record SeedClassSummary(string Class, MeanStd Precision, MeanStd Recall, MeanStd F1);
