namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>
/// The sbatch settings of a sweep: each one left null is not written, so the cluster's default applies.
/// <paramref name="GraceSeconds"/> is how long before the time limit Slurm sends SIGTERM to the task (<c>--signal=TERM@N</c>).
/// </summary>
public sealed record SlurmOptions(
    string? Partition = null,
    string? Time = null,
    int? CpusPerTask = null,
    string? Memory = null,
    int? MaxParallel = null,
    string? Account = null,
    int GraceSeconds = SlurmOptions.DefaultGraceSeconds)
{
    /// <summary>The default warning before the time limit: 5 minutes, room to finish a step, checkpoint and evaluate.</summary>
    public const int DefaultGraceSeconds = 300;
}
