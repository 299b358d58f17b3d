namespace MlNetVision.Experiments.Sweeps;

/// <summary>A sweep file, read, checked and expanded to its tasks (<see cref="SweepFileReader"/>).</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Sha256">SHA-256 of the file's bytes (lower-case hex).</param>
/// <param name="Name">The sweep's name (<c>[a-z0-9-]</c>).</param>
/// <param name="Description">One line about the sweep.</param>
/// <param name="Output">The sweep's folder (full path): <c>sweep.json</c>, <c>tasks/&lt;id&gt;/</c>, <c>comparison/</c>.</param>
/// <param name="Tasks">The tasks in plan order: list order, then grid order; a task's index is its position.</param>
public sealed record SweepFile(string Path, string Sha256, string Name, string Description, string Output, IReadOnlyList<SweepTask> Tasks)
{
    /// <summary>The expanded plan's file in <see cref="Output"/>.</summary>
    public const string PlanFile = "sweep.json";

    /// <summary>The folder that holds one run folder per task.</summary>
    public string TasksFolder => System.IO.Path.Combine(Output, "tasks");

    /// <summary>Where the comparison of the tasks' runs goes.</summary>
    public string ComparisonFolder => System.IO.Path.Combine(Output, "comparison");

    /// <summary>The path of <see cref="PlanFile"/>.</summary>
    public string PlanPath => System.IO.Path.Combine(Output, PlanFile);

    /// <summary>The run folder of <paramref name="task"/>: <c>&lt;output&gt;/tasks/&lt;id&gt;</c>.</summary>
    public string TaskFolder(SweepTask task) => System.IO.Path.Combine(TasksFolder, task.Id);
}
