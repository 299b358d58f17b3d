using MlNetVision.Experiments.Files;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>One task of a sweep: a complete experiment file run once, with one seed, into its own folder.</summary>
/// <param name="Index">The task's position in the plan (0-based): <c>sweep task FILE --index I</c>.</param>
/// <param name="Id">Stable and readable: the experiment's name and the values the task varies, e.g. <c>fast-cnn-94.lr-0.5.seed-2</c>;
/// unique in the sweep; the task folder's name.</param>
/// <param name="Overrides">What the task's list item and grid point set, <c>field=value</c> in file order (for <c>sweep plan</c>).</param>
/// <param name="Definition">The task's merged fields (base ← list item ← grid point) as compact JSON, <c>data</c> as the sweep file
/// writes it: what <see cref="SweepPlan"/> records to notice a changed sweep file.</param>
/// <param name="ExperimentJson">The task as an experiment file (<see cref="ExperimentFileName"/> in its folder; <c>data</c> made absolute).</param>
/// <param name="Experiment">That file as <see cref="ExperimentFileReader"/> reads it.</param>
public sealed record SweepTask(int Index, string Id, IReadOnlyList<string> Overrides, string Definition, string ExperimentJson, ExperimentFile Experiment)
{
    /// <summary>The task's experiment file in its folder (read again by <c>run --resume</c>).</summary>
    public const string ExperimentFileName = "experiment.json";
}
