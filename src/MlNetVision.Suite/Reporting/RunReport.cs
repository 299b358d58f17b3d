using MlNetVision.Evaluation;
using MlNetVision.Training;

namespace MlNetVision.Suite.Reporting;

/// <summary>
/// One run's report (<c>report.json</c>). Field names are the JSON names in camelCase; the README documents
/// each. <see cref="SchemaVersion"/> changes whenever a field changes meaning or is removed.
/// </summary>
public sealed record RunReport
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Version of this report's layout.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>Experiment name.</summary>
    public required string Experiment { get; init; }
    /// <summary>Registered model name.</summary>
    public required string Model { get; init; }
    /// <summary><c>completed</c> (or <c>interrupted</c>).</summary>
    public string Status { get; init; } = "completed";
    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>Every option, resolved.</summary>
    public required RunConfig Config { get; init; }
    /// <summary>The data used.</summary>
    public required DatasetInfo Dataset { get; init; }
    /// <summary>Where it ran.</summary>
    public required EnvironmentInfo Environment { get; init; }
    /// <summary>Per-epoch training record.</summary>
    public required IReadOnlyList<EpochRecord> History { get; init; }
    /// <summary>Test-set metrics.</summary>
    public required MetricsInfo Metrics { get; init; }
    /// <summary>With test-time augmentation in the model: the same metrics for one view per image; else null.</summary>
    public MetricsInfo? MetricsWithoutTestTimeAugmentation { get; init; }
    /// <summary>Speed.</summary>
    public required TimingInfo Timing { get; init; }
    /// <summary>Files written beside the report.</summary>
    public required ArtifactsInfo Artifacts { get; init; }
    /// <summary>Trainable parameters of the model.</summary>
    public long Parameters { get; init; }
    /// <summary>The seed study's published numbers for this recipe, when it has them.</summary>
    public ReferenceInfo? Reference { get; init; }
    /// <summary>Free-text remarks about the run.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The experiment file the run was started from (<c>run FILE.json</c>), its full path; null for a catalog experiment.</summary>
    public string? ExperimentFile { get; init; }
    /// <summary>SHA-256 (lower-case hex) of <see cref="ExperimentFile"/>'s bytes as the run read them.</summary>
    public string? ExperimentFileSha256 { get; init; }
}

/// <summary>Published numbers a run is compared with.</summary>
/// <param name="Source">Where they come from.</param>
/// <param name="Accuracy">Published test accuracy.</param>
/// <param name="MacroF1">Published macro F1, when given.</param>
public sealed record ReferenceInfo(string Source, double Accuracy, double? MacroF1)
{
    /// <summary>The recipe the numbers were measured with (null in reports written before it was recorded).</summary>
    public ReferenceRecipe? Recipe { get; init; }
}

/// <summary>The resolved configuration of a run.</summary>
/// <param name="Trainer">The trainer's options, every field.</param>
/// <param name="PipelineImageSize">Side the ML.NET pipeline resizes images to before ExtractPixels.</param>
/// <param name="LimitTrain">Training rows used (first N), or null for all.</param>
/// <param name="LimitTest">Test rows used (first N), or null for all.</param>
/// <param name="Stratified">True when the limits drew a seeded stratified sample instead of the first N.</param>
/// <param name="Runtime">How the run executed (threads, device, checkpoint folder and interval, resume); not part of the recipe.</param>
public sealed record RunConfig(TorchImageClassifierOptions Trainer, int PipelineImageSize, int? LimitTrain, int? LimitTest, bool Stratified = false,
    TrainingRuntime? Runtime = null);

/// <summary>The data a run used.</summary>
/// <param name="Name">Data set name.</param>
/// <param name="Folder">Where it was read from.</param>
/// <param name="TrainCount">Rows trained on.</param>
/// <param name="ValidationCount">Rows held out of training for validation.</param>
/// <param name="TestCount">Rows evaluated.</param>
/// <param name="Files">Data files with their SHA-256.</param>
public sealed record DatasetInfo(string Name, string Folder, int TrainCount, int ValidationCount, int TestCount, IReadOnlyList<FileChecksum> Files)
{
    /// <summary><c>cifar10-binary</c> or <c>image-folder</c> (null in reports written before image folders).</summary>
    public string? Source { get; init; }

    /// <summary>For an image folder: <c>split</c> (train/test folders) or <c>flat</c> (class folders split by a test fraction).</summary>
    public string? Layout { get; init; }

    /// <summary>Number of classes.</summary>
    public int? ClassCount { get; init; }

    /// <summary>The side images were resized to by the pipeline (and are in the zip).</summary>
    public int? ImageSize { get; init; }

    /// <summary>SHA-256 of every image file's relative path, in split order: equal hashes, equal data files.</summary>
    public string? FileListHash { get; init; }

    /// <summary>SHA-256 of the test files' relative paths: equal hashes, equal test sets.</summary>
    public string? TestListHash { get; init; }

    /// <summary>For a flat folder: the share held out for testing.</summary>
    public double? TestFraction { get; init; }

    /// <summary>For a flat folder: the seed of the stratified split.</summary>
    public int? SplitSeed { get; init; }

    /// <summary>Files ignored because they are not images by extension.</summary>
    public int? IgnoredFiles { get; init; }

    /// <summary>The first ignored files (relative paths).</summary>
    public IReadOnlyList<string>? IgnoredExamples { get; init; }

    /// <summary>Image files left out because they could not be read (<c>--skip-bad-images</c>).</summary>
    public int? SkippedImages { get; init; }

    /// <summary>The first skipped files, each with its reason.</summary>
    public IReadOnlyList<string>? SkippedExamples { get; init; }

    /// <summary>The decoded-pixel caches the run read.</summary>
    public IReadOnlyList<CacheInfo>? Caches { get; init; }
}

/// <summary>A decoded-pixel cache a run read.</summary>
/// <param name="Path">The cache file.</param>
/// <param name="Reused">True when it existed and was current; false when this run built it.</param>
/// <param name="BuildSeconds">How long building it took.</param>
public sealed record CacheInfo(string Path, bool Reused, double BuildSeconds);

/// <summary>A file and its SHA-256 (lower-case hex).</summary>
public sealed record FileChecksum(string Name, string Sha256);

/// <summary>Where a run ran.</summary>
/// <param name="Cpu">CPU model name.</param>
/// <param name="LogicalCores">Logical cores visible to the process.</param>
/// <param name="Threads">libtorch intra-op threads used.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Dotnet">.NET runtime version.</param>
/// <param name="TorchSharp">TorchSharp assembly version.</param>
/// <param name="MlNet">ML.NET assembly version.</param>
/// <param name="Device">Training device.</param>
/// <param name="GitCommit">The commit MlNetVision was built from (from its informational version), or null when the build had no git information.</param>
public sealed record EnvironmentInfo(string Cpu, int LogicalCores, int Threads, string Os, string Dotnet, string TorchSharp, string MlNet, string Device, string? GitCommit);

/// <summary>Test-set metrics.</summary>
/// <param name="Accuracy">Micro accuracy: fraction of rows classified correctly.</param>
/// <param name="MacroAccuracy">Mean of per-class recall.</param>
/// <param name="MacroF1">Unweighted mean of per-class F1.</param>
/// <param name="WeightedF1">Support-weighted mean of per-class F1.</param>
/// <param name="LogLoss">Mean negative log-probability of the true class.</param>
/// <param name="TopK">The k of <paramref name="TopKAccuracy"/>.</param>
/// <param name="TopKAccuracy">Fraction of rows whose true class is among the k most probable.</param>
/// <param name="PerClass">Per-class precision, recall, F1, support.</param>
/// <param name="ConfusionMatrix">Counts, [true][predicted], in <paramref name="Classes"/> order.</param>
/// <param name="Classes">Class names by index (also the order of the zip's Score vector).</param>
public sealed record MetricsInfo(double Accuracy, double MacroAccuracy, double MacroF1, double WeightedF1, double LogLoss,
    int TopK, double TopKAccuracy, IReadOnlyList<ClassMetrics> PerClass, IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix, IReadOnlyList<string> Classes);

/// <summary>Speed.</summary>
/// <param name="TrainSeconds">Wall time of the training steps.</param>
/// <param name="TrainImagesPerSecond">Training images per second.</param>
/// <param name="EvalSeconds">Wall time of scoring the test set through the saved ML.NET model.</param>
/// <param name="EvalImagesPerSecond">Test images per second through the ML.NET model.</param>
/// <param name="TotalSeconds">Wall time of the whole run; a resumed run adds its earlier attempts' training (<see cref="RunTimes.AcrossAttempts"/>).</param>
public sealed record TimingInfo(double TrainSeconds, double TrainImagesPerSecond, double EvalSeconds, double EvalImagesPerSecond, double TotalSeconds);

/// <summary>Files of the run, relative to the report's folder.</summary>
/// <param name="Model">The ML.NET model zip.</param>
/// <param name="Report">This report.</param>
/// <param name="Summary">The readable summary.</param>
public sealed record ArtifactsInfo(string Model, string Report, string Summary)
{
    /// <summary><c>predictions.json</c> (the top classes of every test image), or null when not written.</summary>
    public string? Predictions { get; init; }
    /// <summary><c>gallery.json</c> (thumbnails of chosen test images), or null when not written.</summary>
    public string? Gallery { get; init; }
    /// <summary><c>augmentation.json</c> (training images and their augmented views), or null when not written.</summary>
    public string? Augmentation { get; init; }
    /// <summary>The TensorBoard log folder (relative to the report's folder when inside it), or null without <c>--tensorboard</c>.</summary>
    public string? TensorBoard { get; init; }
}
