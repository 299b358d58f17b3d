using MlNetVision.Experiments.Definitions;
using MlNetVision.Infrastructure;
using MlNetVision.Native;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// Runs experiments one after another, continuing past a failed one, and ends with a summary table
/// (accuracy, macro F1, weighted F1, training time, where the files are, or the error).
/// </summary>
public sealed class BatchRun(TextWriter output, TextWriter log)
{
    /// <summary>
    /// Runs every experiment; returns 0 when all succeeded, <see cref="InterruptHandler.InterruptedExitCode"/> when
    /// one was interrupted (the rest are not started), else the user-error exit code.
    /// </summary>
    public int Run(IReadOnlyList<Experiment> experiments, RunSettings settings, bool resume = false, CancellationToken cancellation = default)
    {
        bool interrupted = false;
        var rows = new List<string>();
        int failed = 0;
        foreach (var experiment in experiments)
        {
            if (cancellation.IsCancellationRequested) break;
            var own = experiments.Count > 1 && settings.Output is not null
                ? settings with { Output = Path.Combine(settings.Output, experiment.Name) } : settings;
            try
            {
                var (report, folder) = new ExperimentRunner(log).Run(experiment, own, resume, cancellation);
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
        output.WriteLine("| experiment | accuracy | macro F1 | weighted F1 | training | files |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows) output.WriteLine(row);
        return interrupted ? InterruptHandler.InterruptedExitCode : failed == 0 ? 0 : Commands.CommandLine.UserError;
    }
}
