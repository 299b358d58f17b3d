namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// What a cluster executor needs to know of a sweep: its name, the sweep file and output folder (absolute), how many
/// tasks it has, and the folder the tasks run in (relative paths in the sweep file are relative to it).
/// </summary>
public sealed record ClusterSweep(string Name, string SweepFile, string OutputFolder, int TaskCount, string WorkingDirectory)
{
    /// <summary>The cluster view of <paramref name="sweep"/>, its tasks run in <paramref name="workingDirectory"/>.</summary>
    public static ClusterSweep Of(SweepFile sweep, string workingDirectory) =>
        new(sweep.Name, sweep.Path, sweep.Output, sweep.Tasks.Count, Path.GetFullPath(workingDirectory));

    /// <summary>Where the task folders are: <c>&lt;output&gt;/tasks</c>.</summary>
    public string TasksFolder => Path.Combine(OutputFolder, "tasks");

    /// <summary>Where compare writes: <c>&lt;output&gt;/comparison</c>.</summary>
    public string ComparisonFolder => Path.Combine(OutputFolder, "comparison");
}
