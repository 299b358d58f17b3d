using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// The expanded plan, <c>&lt;output&gt;/sweep.json</c>: the sweep file and its tasks. Written when a run or a task starts; a
/// sweep file whose tasks no longer match the folder's (ids, or what a task sets) is refused, so a folder never mixes two plans.
/// </summary>
/// <param name="SchemaVersion">The format's version.</param>
/// <param name="Name">The sweep's name.</param>
/// <param name="SweepFile">The sweep file's full path.</param>
/// <param name="SweepFileSha256">SHA-256 of the sweep file.</param>
/// <param name="Tasks">The tasks in plan order.</param>
public sealed record SweepPlan(int SchemaVersion, string Name, string SweepFile, string SweepFileSha256, IReadOnlyList<SweepPlanTask> Tasks)
{
    /// <summary>The plan of <paramref name="sweep"/>.</summary>
    public static SweepPlan Of(SweepFile sweep) => new(1, sweep.Name, sweep.Path, sweep.Sha256,
        sweep.Tasks.Select(t => new SweepPlanTask(t.Index, t.Id, $"tasks/{t.Id}", $"tasks/{t.Id}/{SweepTask.ExperimentFileName}", JsonNode.Parse(t.Definition)!.AsObject())).ToList());

    /// <summary>
    /// Checks <paramref name="sweep"/> against the plan recorded in its folder and the task folders there, then records its plan.
    /// </summary>
    /// <exception cref="MlNetVisionException">The folder holds another plan's tasks.</exception>
    public static void Record(SweepFile sweep)
    {
        var plan = Of(sweep);
        string Fix() => $"restore the sweep file, or give the sweep another 'output' folder (or remove {sweep.Output}).";
        if (File.Exists(sweep.PlanPath))
        {
            SweepPlan recorded;
            try { recorded = JsonSerializer.Deserialize<SweepPlan>(File.ReadAllText(sweep.PlanPath), ReportJson.Options) ?? throw new MlNetVisionException($"{sweep.PlanPath} is empty."); }
            catch (JsonException e) { throw new MlNetVisionException($"{sweep.PlanPath} cannot be read: {e.Message.Split('\n')[0]}", e); }
            for (int i = 0; i < Math.Max(recorded.Tasks.Count, plan.Tasks.Count); i++)
            {
                var was = i < recorded.Tasks.Count ? recorded.Tasks[i] : null;
                var now = i < plan.Tasks.Count ? plan.Tasks[i] : null;
                if (was is null || now is null || was.Id != now.Id || was.Definition.ToJsonString() != now.Definition.ToJsonString())
                    throw new MlNetVisionException($"{sweep.Path}: the sweep's tasks changed since {sweep.Output} was started " +
                                                   $"(task {i}: was {Describe(was)}, now {Describe(now)}); {Fix()}");
            }
        }
        else if (Directory.Exists(sweep.TasksFolder))
        {
            var ids = sweep.Tasks.Select(t => t.Id).ToHashSet();
            if (Directory.GetDirectories(sweep.TasksFolder).Select(Path.GetFileName).FirstOrDefault(f => !ids.Contains(f!)) is { } stranger)
                throw new MlNetVisionException($"{sweep.Path}: {sweep.TasksFolder} holds a task '{stranger}' that the sweep does not have; {Fix()}");
        }
        Directory.CreateDirectory(sweep.Output);
        AtomicFile.WriteAllText(sweep.PlanPath, JsonSerializer.Serialize(plan, ReportJson.Options) + "\n");
    }

    private static string Describe(SweepPlanTask? task) => task is null ? "none" : $"'{task.Id}' {task.Definition.ToJsonString()}";
}
