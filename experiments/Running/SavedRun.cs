namespace MlNetVision.Experiments.Running;

/// <summary>A run's saved settings (<see cref="RunFolder.SettingsFile"/>), read back by <c>--resume</c>.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Settings">The command-line settings, with <see cref="RunSettings.Output"/> set to the run folder.</param>
/// <param name="ExperimentFile">The experiment file the run was started from (read again on resume), or null for a catalog experiment.</param>
public sealed record SavedRun(string Experiment, RunSettings Settings, string? ExperimentFile = null);
