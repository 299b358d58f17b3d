using System.Globalization;
using System.Text;

namespace MlNetVision.Reporting;

/// <summary>
/// The ablation section of <c>comparison.md</c>: for an experiment <c>B</c> whose runs sit beside runs of
/// <c>B-no-&lt;ingredient&gt;</c>, one row per variant (mean ± std over seeds), its accuracy difference to <c>B</c> and its
/// training time; the single-view accuracy of <c>B</c> stands in for "no test-time augmentation".
/// </summary>
public static class AblationTable
{
    /// <summary>The marker between a base experiment's name and the ingredient switched off.</summary>
    public const string Marker = "-no-";

    /// <summary>Renders the ablations found in <paramref name="runs"/>, or an empty string when there are none.</summary>
    public static string Render(IReadOnlyList<(string Label, RunReport Report)> runs)
    {
        var c = CultureInfo.InvariantCulture;
        var byExperiment = runs.GroupBy(r => r.Report.Experiment).ToDictionary(g => g.Key, g => g.Select(r => r.Report).ToList());
        var s = new StringBuilder();
        foreach (var (name, baseRuns) in byExperiment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var variants = byExperiment.Where(e => e.Key.StartsWith(name + Marker, StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
            if (variants.Count == 0) continue;
            var reference = SeedSummary.From(baseRuns);
            double baseAccuracy = reference.Metrics["accuracy"].Mean;
            s.AppendLine();
            s.AppendLine(c, $"## Ablation of {name}");
            s.AppendLine();
            s.AppendLine("Each row switches one ingredient off; accuracy is the mean ± std over the row's runs (seeds).");
            s.AppendLine();
            s.AppendLine("| variant | runs | accuracy | Δ accuracy | train time |");
            s.AppendLine("| --- | --- | --- | --- | --- |");
            s.AppendLine(c, $"| {name} (everything) | {baseRuns.Count} | {reference.Metrics["accuracy"].Format()} | – | {reference.Metrics["trainSeconds"].Mean:0} s |");
            if (reference.Metrics.TryGetValue("accuracyWithoutTestTimeAugmentation", out var single))
                s.AppendLine(c, $"| no test-time augmentation (same runs, one view) | {baseRuns.Count} | {single.Format()} | {single.Mean - baseAccuracy:+0.0000;-0.0000} | {reference.Metrics["trainSeconds"].Mean:0} s |");
            foreach (var (variant, reports) in variants)
            {
                var summary = SeedSummary.From(reports);
                var accuracy = summary.Metrics["accuracy"];
                s.AppendLine(c, $"| {variant[(name.Length + 1)..]} | {reports.Count} | {accuracy.Format()} | {accuracy.Mean - baseAccuracy:+0.0000;-0.0000} | {summary.Metrics["trainSeconds"].Mean:0} s |");
            }
        }
        return s.ToString();
    }
}
