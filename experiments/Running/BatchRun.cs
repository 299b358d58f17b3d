using MlNetVision.Experiments.Definitions;
using MlNetVision.Infrastructure;
using System.Text.Json;
using MlNetVision.Native;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// Runs experiments one after another, continuing past a failed one, and ends with a summary table
/// (accuracy, macro F1, weighted F1, training time, where the files are, or the error).
/// </summary>
public sealed class BatchRun(TextWriter output, TextWriter log)
{
    /// <summary>
    /// Runs every experiment; returns 0 when all succeeded, <see cref="ExitCodes.Interrupted"/> when
    /// one was interrupted (the rest are not started), else the user-error exit code.
    /// </summary>
    public int Run(IReadOnlyList<Experiment> experiments, RunSettings settings, bool resume = false, CancellationToken cancellation = default) =>
        Run(experiments, settings, _ => new RunSettings(), resume, cancellation);

    /// <summary>
    /// As <see cref="Run(IReadOnlyList{Experiment}, RunSettings, bool, CancellationToken)"/>, each experiment with the
    /// command line's <paramref name="settings"/> over its own (<paramref name="ownSettings"/>: an experiment file's).
    /// </summary>
    public int Run(IReadOnlyList<Experiment> experiments, RunSettings settings, Func<Experiment, RunSettings> ownSettings, bool resume = false, CancellationToken cancellation = default)
    {
        bool interrupted = false;
        var rows = new List<string>();
        int failed = 0;
        foreach (var experiment in experiments)
        {
            if (cancellation.IsCancellationRequested) break;
            var merged = settings.Over(ownSettings(experiment));
            var own = experiments.Count > 1 && merged.Output is not null
                ? merged with { Output = Path.Combine(merged.Output, experiment.Name) } : merged;
            if (experiments.Count > 1 && own.TensorBoard is { Length: > 0 } logs) own = own with { TensorBoard = Path.Combine(logs, experiment.Name) };
            try
            {
                var (report, folder) = own.Seeds is > 1 ? RunSeeds(experiment, own, cancellation) : new ExperimentRunner(log).Run(experiment, own, resume, cancellation);
                interrupted |= report.Status == "interrupted";
                rows.Add($"| {experiment.Name}{(report.Status == "interrupted" ? " (interrupted)" : "")} | {report.Metrics.Accuracy:0.0000} | {report.Metrics.MacroF1:0.0000} | {report.Metrics.WeightedF1:0.0000} | " +
                         $"{report.Timing.TrainSeconds:0} s | {folder} |");
            }
            catch (Exception e) when (experiments.Count > 1 && e is MlNetVisionException or TorchUnavailableException or ArgumentException or IOException)
            {
                failed++;
                log.WriteLine($"error: {experiment.Name} failed: {e.Message}");
                rows.Add($"| {experiment.Name} | failed | | | | {e.Message.Split('\n')[0]} |");
            }
        }
        output.WriteLine();
        if (settings.Seeds is > 1) output.WriteLine($"Mean over {settings.Seeds} seeds (± in seeds.md of each folder):");
        output.WriteLine("| experiment | accuracy | macro F1 | weighted F1 | training | files |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows) output.WriteLine(row);
        return interrupted ? ExitCodes.Interrupted : failed == 0 ? 0 : ExitCodes.UserError;
    }

    /// <summary>
    /// Runs <paramref name="experiment"/> once per seed into <c>seed-&lt;s&gt;</c> folders and writes <see cref="SeedSummary"/>
    /// beside them; returns a report whose headline metrics and timing are the means, and the parent folder.
    /// </summary>
    private (RunReport Report, string Folder) RunSeeds(Experiment experiment, RunSettings settings, CancellationToken cancellation)
    {
        var parent = settings.Output is { } given ? Path.GetFullPath(given)
            : RunFolder.NewRunFolder(RunFolder.ArtifactsRoot(), experiment.Name, DateTimeOffset.UtcNow);
        int first = settings.Seed ?? 0;
        var reports = new List<RunReport>();
        for (int seed = first; seed < first + settings.Seeds!.Value && !cancellation.IsCancellationRequested; seed++)
        {
            log.WriteLine($"{experiment.Name}: seed {seed} ({seed - first + 1} of {settings.Seeds})");
            var (report, _) = new ExperimentRunner(log).Run(experiment, settings with
                {
                    Seed = seed, Seeds = null, Output = Path.Combine(parent, $"seed-{seed}"),
                    TensorBoard = settings.TensorBoard is { Length: > 0 } logs ? Path.Combine(logs, $"seed-{seed}") : settings.TensorBoard,
                },
                resume: false, cancellation);
            reports.Add(report);
            if (report.Status == "interrupted") return (report, parent);
        }
        var summary = SeedSummary.From(reports);
        AtomicFile.WriteAllText(Path.Combine(parent, SeedSummary.JsonFile), JsonSerializer.Serialize(summary, ReportJson.Options));
        AtomicFile.WriteAllText(Path.Combine(parent, SeedSummary.MarkdownFile), summary.Render());
        foreach (var seed in Enumerable.Range(first, reports.Count))   // each seed's page now shows the mean ± std over all of them
            Suite.Reporting.Html.RunReportPage.Write(Path.Combine(parent, $"seed-{seed}"), summary);
        log.WriteLine($"{experiment.Name}: {reports.Count} seeds, accuracy {summary.Metrics["accuracy"].Format()}" +
                      (summary.Metrics.TryGetValue(SeedSummary.SingleViewAccuracy, out var one) ? $" (one view: {one.Format()})" : "") +
                      $", training {summary.Metrics["trainSeconds"].Format("0")} s; wrote {Path.Combine(parent, SeedSummary.MarkdownFile)}");
        var mean = reports[0] with
        {
            Metrics = reports[0].Metrics with
            {
                Accuracy = summary.Metrics["accuracy"].Mean, MacroF1 = summary.Metrics["macroF1"].Mean, WeightedF1 = summary.Metrics["weightedF1"].Mean,
            },
            Timing = reports[0].Timing with { TrainSeconds = summary.Metrics["trainSeconds"].Mean },
        };
        return (mean, parent);
    }
}
