using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Reporting;

/// <summary>
/// <c>comparison.md</c>: the seed study's table shape (model | accuracy | macro F1 | weighted F1, before and
/// after augmentation) plus training time, whole-run time, images/s and parameters, with the seed's published numbers
/// beside ours.
/// </summary>
public static class ComparisonTable
{
    /// <summary>Renders the comparison of <paramref name="runs"/> (label, report), with the seed study's table when
    /// <paramref name="seedStudy"/> is given and one of its experiments is among the runs.</summary>
    public static string Render(IReadOnlyList<(string Label, RunReport Report)> runs, IReadOnlyList<SeedStudy.SeedStudyRow>? seedStudy = null)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("# Comparison");
        s.AppendLine();
        s.AppendLine("| run | model | augmentation | accuracy | macro F1 | weighted F1 | seed accuracy | seed macro F1 | train time | run time | train img/s | parameters |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in SeedGroups(runs))
        {
            var (label, r) = group[0];
            if (group.Count == 1)
            {
                s.AppendLine(c, $"| {label} | {r.Model} | {AugmentationLabel(r)} | {r.Metrics.Accuracy:0.0000} | {r.Metrics.MacroF1:0.0000} | {r.Metrics.WeightedF1:0.0000} | " +
                                $"{RecipeMatch.AccuracyCell(r)} | {RecipeMatch.MacroF1Cell(r)} | {Duration(r.Timing.TrainSeconds)} | {Duration(RunTimes.WithoutMonitor(r))} | {r.Timing.TrainImagesPerSecond:0} | {r.Parameters:N0} |");
                continue;
            }
            var seeds = SeedSummary.From(group.Select(g => g.Report).ToList());
            s.AppendLine(c, $"| {GroupLabel(group)} | {r.Model} | {AugmentationLabel(r)} | {seeds.Metrics["accuracy"].Format()} | {seeds.Metrics["macroF1"].Format()} | " +
                            $"{seeds.Metrics["weightedF1"].Format()} | {SeedCell(group, RecipeMatch.AccuracyCell)} | {SeedCell(group, RecipeMatch.MacroF1Cell)} | " +
                            $"{Durations.FormatSpread(seeds.Metrics["trainSeconds"].Mean, seeds.Metrics["trainSeconds"].Std)} | " +
                            $"{Durations.FormatSpread(seeds.Metrics[SeedSummary.RunSecondsWithoutMonitor].Mean, seeds.Metrics[SeedSummary.RunSecondsWithoutMonitor].Std)} | {seeds.Metrics["trainImagesPerSecond"].Mean:0} | {r.Parameters:N0} |");
        }
        var pairs = BeforeAfter(runs);
        if (pairs.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Before and after augmentation");
            s.AppendLine();
            s.AppendLine("Same model, input size and epochs; without augmentation (before) and with it (after).");
            s.AppendLine();
            s.AppendLine("| model | accuracy before | accuracy after | macro F1 before | macro F1 after | weighted F1 before | weighted F1 after |");
            s.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var (model, before, after) in pairs)
                s.AppendLine(c, $"| {model} | {before.Metrics.Accuracy:0.0000} | {after.Metrics.Accuracy:0.0000} | {before.Metrics.MacroF1:0.0000} | {after.Metrics.MacroF1:0.0000} | {before.Metrics.WeightedF1:0.0000} | {after.Metrics.WeightedF1:0.0000} |");
        }
        s.Append(AblationTable.Render(runs));
        if (seedStudy is not null && SeedStudy.SeedStudyTable.Applies(seedStudy, runs.Select(r => r.Report)))
            s.Append(SeedStudy.SeedStudyTable.Render(seedStudy, runs.Select(r => r.Report).ToList()));
        s.AppendLine();
        s.AppendLine(Footnote);
        return s.ToString();
    }

    /// <summary>What the table's columns mean.</summary>
    public const string Footnote =
        "Seed numbers are the seed study's published results for the same recipe, where it published them, shown only beside runs that used " +
        "the recipe in full (same data set, epochs and input size, all training and test images, completed); otherwise the cell says what differs. Runs of one experiment " +
        "that differ only by seed share a row: mean ± sample standard deviation over the seeds. Train time is the training steps; " +
        "run time is the whole run (data, training, export, evaluation) without the optional per-epoch test monitor.";

    /// <summary>Pairs of runs that differ only by augmentation (model, input size, epochs equal); the best of each side.</summary>
    public static IReadOnlyList<(string Model, RunReport Before, RunReport After)> BeforeAfter(IReadOnlyList<(string Label, RunReport Report)> runs) =>
        runs.GroupBy(r => (r.Report.Model, r.Report.Config.Trainer.ImageSize, r.Report.Config.PipelineImageSize, Epochs: r.Report.Config.Trainer.EpochCount()))
            .Select(g => (
                Key: g.Key,
                Before: g.Where(r => string.IsNullOrEmpty(r.Report.Config.Trainer.Augmentation)).Select(r => r.Report).OrderByDescending(r => r.Metrics.Accuracy).FirstOrDefault(),
                After: g.Where(r => !string.IsNullOrEmpty(r.Report.Config.Trainer.Augmentation)).Select(r => r.Report).OrderByDescending(r => r.Metrics.Accuracy).FirstOrDefault()))
            .Where(x => x.Before is not null && x.After is not null)
            .Select(x => ($"{x.Key.Model} ({(x.Key.ImageSize == 0 ? x.Key.PipelineImageSize : x.Key.ImageSize)} px, {x.Key.Epochs:0.##} epochs)", x.Before!, x.After!))
            .ToList();

    /// <summary>A seed group's label: <c>experiment (N seeds)</c>, or <c>(N runs)</c> when some share a seed.</summary>
    public static string GroupLabel(IReadOnlyList<(string Label, RunReport Report)> group) =>
        group.Select(g => g.Report.Config.Trainer.Seed).Distinct().Count() == group.Count
            ? $"{group[0].Report.Experiment} ({group.Count} seeds)" : $"{group[0].Report.Experiment} ({group.Count} runs)";

    /// <summary>
    /// Runs grouped by experiment, data (name, training and test counts, test list) and configuration with the seed (and the
    /// run folder) left out, in first-appearance order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<(string Label, RunReport Report)>> SeedGroups(IReadOnlyList<(string Label, RunReport Report)> runs) =>
        runs.GroupBy(r => (r.Report.Experiment, r.Report.Dataset.Name, r.Report.Dataset.TrainCount, r.Report.Dataset.TestCount, r.Report.Dataset.TestListHash,
            System.Text.Json.JsonSerializer.Serialize(r.Report.Config with
            {
                Trainer = r.Report.Config.Trainer with { Seed = 0 },
                Runtime = null,   // how it ran, not what
            })))
            .Select(g => (IReadOnlyList<(string, RunReport)>)g.ToList())
            .ToList();

    /// <summary>A seed group's reference cell: the runs' common cell (they share the recipe), or the first run's.</summary>
    public static string SeedCell(IReadOnlyList<(string Label, RunReport Report)> group, Func<RunReport, string> cell) => cell(group[0].Report);

    /// <summary>The label of a run's augmentation (<c>none</c> when it has none).</summary>
    public static string AugmentationLabel(RunReport r) => string.IsNullOrEmpty(r.Config.Trainer.Augmentation) ? "none" : r.Config.Trainer.Augmentation.Replace("|", "/");

    private static string Duration(double seconds) => Durations.Format(seconds);
}
