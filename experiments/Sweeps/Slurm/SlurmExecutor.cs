using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>
/// Submits a sweep to Slurm: writes the array and compare scripts into <c>&lt;output&gt;/slurm</c>, submits the array
/// (<c>sbatch --parsable</c>), then the compare job with <c>--dependency=afterany:ARRAY</c>, and records both ids.
/// </summary>
public static class SlurmExecutor
{
    /// <summary>The array script's file name.</summary>
    public const string ArrayScriptFile = "tasks.sbatch";

    /// <summary>The compare script's file name.</summary>
    public const string CompareScriptFile = "compare.sbatch";

    /// <summary>Submits the sweep; returns the job ids (also saved as <c>jobs.json</c>).</summary>
    public static SlurmSubmission Submit(ClusterSweep sweep, SlurmOptions options, IReadOnlyList<string> cli)
    {
        if (!SlurmCommand.Exists("sbatch")) throw SlurmCommand.Missing("sbatch");
        var folder = Directory.CreateDirectory(SlurmScriptWriter.FolderOf(sweep)).FullName;
        var arrayScript = Path.Combine(folder, ArrayScriptFile);
        var compareScript = Path.Combine(folder, CompareScriptFile);
        AtomicFile.WriteAllText(arrayScript, SlurmScriptWriter.ArrayScript(sweep, options, cli));
        AtomicFile.WriteAllText(compareScript, SlurmScriptWriter.CompareScript(sweep, options, cli));

        var arrayJob = Sbatch(arrayScript);
        var compareJob = Sbatch($"--dependency=afterany:{arrayJob}", compareScript);
        var submission = new SlurmSubmission(arrayJob, compareJob, sweep.TaskCount, DateTime.UtcNow, arrayScript, compareScript);
        submission.Save(folder);
        return submission;
    }

    private static string Sbatch(params string[] arguments)
    {
        var result = SlurmCommand.Run("sbatch", ["--parsable", .. arguments]);
        if (result.ExitCode != 0) throw new MlNetVisionException($"sbatch {string.Join(' ', arguments)} failed (exit code {result.ExitCode}): {result.Error.Trim()}");
        return SbatchOutput.JobId(result.Output);
    }
}
