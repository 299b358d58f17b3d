using System.Security.Cryptography;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Evaluation;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Suite.Reporting;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Running;

/// <summary>Assembles a run's <see cref="RunReport"/> from what the run measured.</summary>
/// <param name="experiment">The experiment run.</param>
/// <param name="options">The resolved trainer options.</param>
/// <param name="runtime">How the run executed.</param>
/// <param name="settings">The command-line settings.</param>
/// <param name="pipeline">The experiment kind's pipeline, for its notes.</param>
/// <param name="size">The side ResizeImages produced, in pixels.</param>
/// <param name="started">When the run started.</param>
public sealed class RunReportBuilder(Experiment experiment, TorchImageClassifierOptions options, TrainingRuntime runtime, RunSettings settings,
    IExperimentPipeline pipeline, int size, DateTimeOffset started)
{
    /// <summary>The report of a finished (or interrupted) run.</summary>
    /// <param name="summary">The training summary.</param>
    /// <param name="dataset">The data set's description (its counts are filled in here).</param>
    /// <param name="testCount">The number of test images evaluated.</param>
    /// <param name="metrics">The test metrics of the trained pipeline.</param>
    /// <param name="singleView">The test metrics without test-time augmentation, if any.</param>
    /// <param name="evalSeconds">The evaluation's time.</param>
    /// <param name="totalSeconds">The whole run's time so far.</param>
    public RunReport Build(TrainingSummary summary, DatasetInfo dataset, int testCount, MulticlassClassificationMetrics metrics,
        MulticlassClassificationMetrics? singleView, double evalSeconds, double totalSeconds) => new()
    {
        Experiment = experiment.Name,
        Model = options.ModelName,
        Status = summary.Interrupted ? "interrupted" : "completed",
        StartedAt = started,
        Config = new RunConfig(options, size, settings.LimitTrain, settings.LimitTest, settings.Stratified, runtime),
        Dataset = dataset with { TrainCount = summary.TrainCount, ValidationCount = summary.ValidationCount, TestCount = testCount },
        Environment = EnvironmentProbe.Describe(runtime.Device),
        History = summary.History,
        Metrics = Metrics(metrics, summary.ClassNames),
        MetricsWithoutTestTimeAugmentation = singleView is null ? null : Metrics(singleView, summary.ClassNames),
        Timing = new TimingInfo(summary.TrainSeconds, summary.TrainImagesPerSecond, evalSeconds, testCount / evalSeconds, totalSeconds),
        Artifacts = new ArtifactsInfo(RunFolder.ModelFile, RunFolder.ReportFile, RunFolder.SummaryFile),
        Parameters = summary.ParameterCount,
        Reference = ReferenceOf(experiment),
        Notes = Notes(summary),
        ExperimentFile = experiment.SourceFile,
        ExperimentFileSha256 = experiment.SourceSha256,
    };

    /// <summary>The seed study's published numbers for <paramref name="experiment"/> and the recipe they were measured with, or null.</summary>
    public static ReferenceInfo? ReferenceOf(Experiment experiment) =>
        experiment.PublishedAccuracy is { } seed
            ? new ReferenceInfo("seed study", seed, experiment.PublishedMacroF1) { Recipe = new ReferenceRecipe(experiment.Trainer.EpochCount(), experiment.FolderImageSize, Cifar10Format.DefaultClassNames) }
            : null;

    /// <summary>The experiment's own notes, the seed study's accuracy, the pipeline's notes, then the frozen backbone's feature pass.</summary>
    public List<string> Notes(TrainingSummary summary)
    {
        var notes = new List<string>();
        if (experiment.Notes is not null) notes.Add(experiment.Notes);
        if (experiment.PublishedAccuracy is { } seed) notes.Add($"The seed study reported test accuracy {seed:0.0000} for this recipe.");
        notes.AddRange(pipeline.Notes(summary));
        if (summary.FeatureSeconds is { } featureSeconds)
            notes.Add($"Backbone frozen: the one feature pass took {featureSeconds:0.0} s (included in trainSeconds).");
        return notes;
    }

    /// <summary>ML.NET's metrics as the report has them, with F1 scores and per-class numbers from the confusion matrix.</summary>
    public static MetricsInfo Metrics(MulticlassClassificationMetrics metrics, IReadOnlyList<string> classes)
    {
        var counts = metrics.ConfusionMatrix.Counts.Select(r => (IReadOnlyList<long>)r.Select(v => (long)Math.Round(v)).ToList()).ToList();
        var derived = new ConfusionMetrics(counts, classes);
        return new MetricsInfo(metrics.MicroAccuracy, metrics.MacroAccuracy, derived.MacroF1, derived.WeightedF1, metrics.LogLoss,
            metrics.TopKPredictionCount, metrics.TopKAccuracy, derived.PerClass, counts, classes);
    }

    /// <summary>The SHA-256 of every CIFAR-10 file in <paramref name="folder"/>.</summary>
    public static List<FileChecksum> Checksums(string folder) =>
        Cifar10Format.AllDataFiles.Select(f =>
        {
            using var stream = File.OpenRead(Path.Combine(folder, f));
            return new FileChecksum(f, Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant());
        }).ToList();
}
