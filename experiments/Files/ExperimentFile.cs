using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Running;

namespace MlNetVision.Experiments.Files;

/// <summary>An experiment file, read and checked (<see cref="ExperimentFileReader"/>).</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Sha256">SHA-256 of the file's bytes (lower-case hex).</param>
/// <param name="Extends">The base experiment.</param>
/// <param name="Experiment">The base experiment with the file's name, description and recipe overrides.</param>
/// <param name="Settings">What the file sets that the command line sets too (data, image size, seeds, limits); the
/// command line's own options override these (<see cref="RunSettings.Over"/>).</param>
/// <param name="Overrides">The recipe fields the file changes, <c>name=value</c>, in file order (for <c>list</c>).</param>
public sealed record ExperimentFile(string Path, string Sha256, string Extends, Experiment Experiment, RunSettings Settings, IReadOnlyList<string> Overrides);
