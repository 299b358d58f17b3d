using System.Text.Json.Nodes;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>One task as <see cref="SweepPlan"/> records it.</summary>
/// <param name="Index">The task's index.</param>
/// <param name="Id">The task's id.</param>
/// <param name="Folder">Its run folder, relative to the sweep's folder (<c>tasks/&lt;id&gt;</c>).</param>
/// <param name="ExperimentFile">Its experiment file, relative to the sweep's folder (written when the task starts).</param>
/// <param name="Definition">The task's merged fields as the sweep file gives them (<see cref="SweepTask.Definition"/>).</param>
public sealed record SweepPlanTask(int Index, string Id, string Folder, string ExperimentFile, JsonObject Definition);
