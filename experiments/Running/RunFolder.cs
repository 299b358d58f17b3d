using System.Text.Json;
using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting;
using MlNetVision.Training.Checkpoints;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// A run's output folder: where its files go (<see cref="ModelFile"/>, <see cref="ReportFile"/>, <see cref="SummaryFile"/>,
/// <see cref="SettingsFile"/>), how a new one is named and created, and how one to resume is found and read.
/// </summary>
/// <param name="FullPath">The folder's full path.</param>
public sealed record RunFolder(string FullPath)
{
    /// <summary>The model zip's file name.</summary>
    public const string ModelFile = "model.zip";
    /// <summary>The report's file name.</summary>
    public const string ReportFile = "report.json";
    /// <summary>The readable summary's file name.</summary>
    public const string SummaryFile = "summary.md";
    /// <summary>The settings file a run leaves for <c>--resume</c>.</summary>
    public const string SettingsFile = "run.json";

    /// <summary>The model zip's path.</summary>
    public string ModelPath => Combine(ModelFile);
    /// <summary>The report's path.</summary>
    public string ReportPath => Combine(ReportFile);
    /// <summary>The readable summary's path.</summary>
    public string SummaryPath => Combine(SummaryFile);
    /// <summary>The saved settings' path.</summary>
    public string SettingsPath => Combine(SettingsFile);

    /// <summary>The path of <paramref name="file"/> in the folder.</summary>
    public string Combine(string file) => Path.Combine(FullPath, file);

    /// <summary>
    /// The run folder for <paramref name="option"/> (<c>--output</c>) when given, else a new, unused one under
    /// <see cref="ArtifactsRoot"/>; created, and checked to be writable.
    /// </summary>
    /// <exception cref="MlNetVisionException">The folder cannot be created or written.</exception>
    public static RunFolder Prepare(string? option, string experiment, DateTimeOffset started)
    {
        var folder = option is not null ? Path.GetFullPath(option) : UnusedRunFolder(ArtifactsRoot(), experiment, started);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MlNetVisionException($"The output folder {folder} is not writable: {e.Message}", e);
        }
        return new RunFolder(folder);
    }

    /// <summary>
    /// A run folder name for <c>root/experiment/yyyyMMdd-HHmmss-pid-xxxxxxxx</c> (32 random bits), so two runs started in
    /// the same second, in one process or two, get different folders (one chance in about 4 billion per pair to draw
    /// the same; <see cref="Prepare"/> also skips a name that exists).
    /// </summary>
    public static string NewRunFolder(string root, string experiment, DateTimeOffset started) =>
        Path.Combine(root, experiment, $"{started:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>A <see cref="NewRunFolder"/> that does not exist yet.</summary>
    public static string UnusedRunFolder(string root, string experiment, DateTimeOffset started)
    {
        string folder;
        do folder = NewRunFolder(root, experiment, started);
        while (Directory.Exists(folder));
        return folder;
    }

    /// <summary><c>artifacts/</c> of the repository this runs from (found upwards from the working directory), else of the working directory.</summary>
    public static string ArtifactsRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetVision.sln"))) return Path.Combine(dir.FullName, "artifacts");
        return Path.Combine(Environment.CurrentDirectory, "artifacts");
    }

    /// <summary>Writes <paramref name="run"/> to <see cref="SettingsPath"/>, atomically.</summary>
    public void WriteSavedRun(SavedRun run) =>
        AtomicFile.WriteAllText(SettingsPath, JsonSerializer.Serialize(run, ReportJson.Options));

    /// <summary>Reads a run folder's saved settings.</summary>
    /// <exception cref="MlNetVisionException">The file is empty or not valid JSON.</exception>
    public static SavedRun ReadSavedRun(string folder)
    {
        var path = new RunFolder(folder).SettingsPath;
        try
        {
            return JsonSerializer.Deserialize<SavedRun>(File.ReadAllText(path), ReportJson.Options)
                ?? throw new MlNetVisionException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new MlNetVisionException($"{path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// The run folder to resume: <paramref name="folder"/> when given, else the newest folder under
    /// <c>artifacts/&lt;experiment&gt;/</c> that still holds a checkpoint.
    /// </summary>
    /// <exception cref="MlNetVisionException">Not a run folder, no checkpoint, or no interrupted run to find.</exception>
    public static string FindResumable(string experiment, string? folder)
    {
        if (folder is not null)
        {
            if (!File.Exists(Path.Combine(folder, SettingsFile)))
                throw new MlNetVisionException($"{folder} is not a run folder ({SettingsFile} is missing).");
            if (!File.Exists(Path.Combine(folder, CheckpointStore.CheckpointFile)))
                throw new MlNetVisionException($"{folder} has no checkpoint to resume from: the run completed, or never finished a step.");
            return Path.GetFullPath(folder);
        }
        var root = Path.Combine(ArtifactsRoot(), experiment);
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, CheckpointStore.CheckpointFile)) && File.Exists(Path.Combine(d, SettingsFile)))
                .OrderByDescending(Directory.GetLastWriteTimeUtc).ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new MlNetVisionException($"No interrupted run of {experiment} to resume under {root}; name the run folder: --resume DIR.");
    }
}
