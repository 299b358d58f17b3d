using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Reporting;

/// <summary>
/// The ablation section of <c>comparison.md</c>: for an experiment <c>B</c> whose runs sit beside runs of
/// <c>B-no-&lt;ingredient&gt;</c>, one row per variant (mean ± std over seeds): its accuracy with test-time augmentation and
/// with one view, each with its difference to <c>B</c>, its training time and its whole-run time (<see cref="RunTimes"/>);
/// the single-view accuracy of <c>B</c> stands in for "no test-time augmentation".
/// </summary>
public static class AblationTable
{
    /// <summary>The marker between a base experiment's name and the ingredient switched off.</summary>
    public const string Marker = "-no-";

    /// <summary>The columns of every ablation table.</summary>
    public static readonly IReadOnlyList<string> Headers = ["variant", "runs", "accuracy", "Δ accuracy", "one view", "Δ one view", "train time", "run time"];

    /// <summary>What the tables' numbers are.</summary>
    public const string Explanation = "Each row switches one ingredient off; accuracies are the mean ± std over the row's runs (seeds): with the model's " +
                                      "test-time augmentation (the zip) and with one view per image. Times are means: training steps, and the whole run without " +
                                      "the optional per-epoch test monitor.";

    /// <summary>The ablations found in <paramref name="runs"/>: one per experiment <c>B</c> with <c>B-no-…</c> runs beside it.</summary>
    public static IReadOnlyList<AblationStudy> Build(IReadOnlyList<(string Label, RunReport Report)> runs)
    {
        var c = CultureInfo.InvariantCulture;
        var byExperiment = runs.GroupBy(r => r.Report.Experiment).ToDictionary(g => g.Key, g => g.Select(r => r.Report).ToList());
        var studies = new List<AblationStudy>();
        foreach (var (name, baseRuns) in byExperiment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var variants = byExperiment.Where(e => e.Key.StartsWith(name + Marker, StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
            if (variants.Count == 0) continue;
            var reference = SeedSummary.From(baseRuns);
            double baseAccuracy = reference.Metrics["accuracy"].Mean;
            var rows = new List<IReadOnlyList<string>> { Row(c, $"{name} (everything)", reference, null, null) };
            if (reference.Metrics.TryGetValue(SeedSummary.SingleViewAccuracy, out var single))
                rows.Add(["no test-time augmentation (same runs, one view)", baseRuns.Count.ToString(c), single.Format(),
                    (single.Mean - baseAccuracy).ToString("+0.0000;-0.0000", c), "–", "–", Durations.Format(reference.Metrics["trainSeconds"].Mean), "–"]);
            foreach (var (variant, reports) in variants)
                rows.Add(Row(c, variant[(name.Length + 1)..], SeedSummary.From(reports), baseAccuracy, reference.Metrics.GetValueOrDefault(SeedSummary.SingleViewAccuracy)?.Mean));
            studies.Add(new AblationStudy(name, rows));
        }
        return studies;
    }

    /// <summary>Renders the ablations found in <paramref name="runs"/> as Markdown, or an empty string when there are none.</summary>
    public static string Render(IReadOnlyList<(string Label, RunReport Report)> runs)
    {
        var s = new StringBuilder();
        foreach (var study in Build(runs))
        {
            s.AppendLine();
            s.AppendLine($"## Ablation of {study.Experiment}");
            s.AppendLine();
            s.AppendLine(Explanation);
            s.AppendLine();
            s.AppendLine("| " + string.Join(" | ", Headers) + " |");
            s.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", Headers.Count)));
            foreach (var row in study.Rows) s.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        return s.ToString();
    }

    private static IReadOnlyList<string> Row(CultureInfo c, string label, SeedSummary summary, double? baseAccuracy, double? baseSingleView)
    {
        var accuracy = summary.Metrics["accuracy"];
        var single = summary.Metrics.GetValueOrDefault(SeedSummary.SingleViewAccuracy);
        string Delta(double? value, double? reference) => value is { } v && reference is { } r ? (v - r).ToString("+0.0000;-0.0000", c) : "–";
        return [label, summary.Seeds.Count.ToString(c), accuracy.Format(), Delta(accuracy.Mean, baseAccuracy), single?.Format() ?? "–",
            Delta(single?.Mean, baseSingleView), Durations.Format(summary.Metrics["trainSeconds"].Mean), Durations.Format(summary.Metrics[SeedSummary.RunSecondsWithoutMonitor].Mean)];
    }
}
