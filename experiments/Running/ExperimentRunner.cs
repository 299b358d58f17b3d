using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetVision.Data;
using MlNetVision.Evaluation;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Infrastructure;
using MlNetVision.Persistence;
using MlNetVision.Onnx;
using MlNetVision.Suite.Reporting;
using MlNetVision.Training;
using MlNetVision.Training.Checkpoints;
using System.Text.Json;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// Runs one experiment end to end as an ML.NET pipeline: CIFAR-10 → ResizeImages → ExtractPixels →
/// the TorchSharp trainer → Evaluate on the test set → a model zip (LoadImages from <c>ImagePath</c> +
/// the same transforms + ONNX) → <c>report.json</c> and <c>summary.md</c>. No training loop here.
/// </summary>
public sealed class ExperimentRunner(TextWriter log)
{
    /// <summary>The model zip's file name.</summary>
    public const string ModelFile = "model.zip";
    /// <summary>The report's file name.</summary>
    public const string ReportFile = "report.json";
    /// <summary>The readable summary's file name.</summary>
    public const string SummaryFile = "summary.md";

    /// <summary>The settings file a run leaves for <c>--resume</c>.</summary>
    public const string SettingsFile = "run.json";

    /// <summary>
    /// Runs <paramref name="experiment"/> with <paramref name="settings"/>; returns the report. With
    /// <paramref name="resume"/>, continues the run in <see cref="RunSettings.Output"/> from its checkpoint.
    /// A cancelled run still evaluates and saves the best model so far, with status <c>interrupted</c>.
    /// </summary>
    public (RunReport Report, string Folder) Run(Experiment experiment, RunSettings settings, bool resume = false, CancellationToken cancellation = default)
    {
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var resolved = Resolve(experiment, settings);
        resolved.Validate();

        // data first: a missing or corrupt data set leaves no run folder behind
        var folder = Cifar10Dataset.EnsureAvailable(settings.Data, log);
        var (train, test) = Cifar10Dataset.Load(folder);
        train = Limit(train, settings.LimitTrain, settings.Stratified, resolved.Seed);
        test = Limit(test, settings.LimitTest, settings.Stratified, resolved.Seed);

        var output = PrepareOutput(settings.Output, experiment.Name, started);
        var options = resolved;
        var runtime = ResolveRuntime(settings) with { CheckpointDirectory = output, Resume = resume };
        runtime.Validate();
        if (!resume) AtomicFile.WriteAllText(Path.Combine(output, SettingsFile), JsonSerializer.Serialize(new SavedRun(experiment.Name, settings with { Output = output }), ReportJson.Options));
        log.WriteLine($"{experiment.Name}: {train.Count:N0} training and {test.Count:N0} test images from {folder}; output {output}");

        var ml = new MLContext(options.Seed);
        OnnxRuntimeThreads.Bound(ml, runtime.Threads);
        int size = experiment.PipelineImageSize;
        bool baseline = experiment.Kind == ExperimentKind.MlNetFeaturizer;
        float pixelScale = baseline ? MlNetFeaturizerBaseline.PixelScale : 1f / 255;
        var preprocess = ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyData: ClassifierTransformers.ClassNamesView(ml, train.ClassNames))
            .Append(ml.Transforms.ResizeImages("Image", size, size, "Image", ImageResizingEstimator.ResizingKind.IsoCrop))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: pixelScale));
        var testView = ImageSetDataView.Create(ml, test);
        var featurisedTest = new Lazy<IDataView>(() => preprocess.Fit(testView).Transform(testView));   // Features + key Label, as the trainer sees data
        var trainer = baseline ? null : new TorchImageClassificationTrainer(ml, options, runtime, log, cancellation)
        {
            MonitorData = settings.MonitorTest ? featurisedTest.Value : null,
        };
        if (baseline)
            log.WriteLine($"{experiment.Name}: featurising {train.Count:N0} images with ML.NET's ResNet18 (ONNX Runtime, {size} px), then fitting LbfgsMaximumEntropy");
        var fitClock = Stopwatch.StartNew();
        using var fitted = baseline
            ? preprocess.Append(MlNetFeaturizerBaseline.Estimator(ml)).Fit(ImageSetDataView.Create(ml, train))
            : preprocess.Append(trainer!).Fit(ImageSetDataView.Create(ml, train));
        fitClock.Stop();
        var summary = trainer?.LastSummary ?? new TrainingSummary([], fitClock.Elapsed.TotalSeconds, train.Count, train.Count, 0,
            513L * train.ClassNames.Count, train.ClassNames, size, size, MlNetResNet18Package.Description);

        var modelPath = Path.Combine(output, ModelFile);
        SaveServingModel(ml, fitted.LastTransformer, size, modelPath,
            new ModelZipMetadata(ModelZipMetadata.CurrentSchemaVersion, experiment.Name, options.ModelName, summary.ClassNames, size, DateTimeOffset.UtcNow), pixelScale);

        var evalClock = Stopwatch.StartNew();
        var scored = fitted.Transform(testView);
        var metrics = ml.MulticlassClassification.Evaluate(scored, "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn, topKPredictionCount: 5);
        evalClock.Stop();
        var singleView = trainer?.LastOnnxModelWithoutTestTimeAugmentation is { } plain
            ? EvaluateSingleView(ml, featurisedTest.Value, plain, summary.ClassNames, options.FeatureColumnName)
            : null;

        var report = new RunReport
        {
            Experiment = experiment.Name,
            Model = options.ModelName,
            Status = summary.Interrupted ? "interrupted" : "completed",
            StartedAt = started,
            Config = new RunConfig(options, size, settings.LimitTrain, settings.LimitTest, settings.Stratified, runtime),
            Dataset = new DatasetInfo("cifar10", folder, summary.TrainCount, summary.ValidationCount, test.Count, Checksums(folder)),
            Environment = EnvironmentProbe.Describe(runtime.Device),
            History = summary.History,
            Metrics = Metrics(metrics, summary.ClassNames),
            MetricsWithoutTestTimeAugmentation = singleView is null ? null : Metrics(singleView, summary.ClassNames),
            Timing = new TimingInfo(summary.TrainSeconds, summary.TrainImagesPerSecond, evalClock.Elapsed.TotalSeconds,
                test.Count / evalClock.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
            Artifacts = new ArtifactsInfo(ModelFile, ReportFile, SummaryFile),
            Parameters = summary.ParameterCount,
            Reference = experiment.PublishedAccuracy is { } seed ? new ReferenceInfo("seed study", seed, experiment.PublishedMacroF1) : null,
            Notes = Notes(experiment, summary),
        };
        ReportJson.Write(report, Path.Combine(output, ReportFile));
        AtomicFile.WriteAllText(Path.Combine(output, SummaryFile), SummaryMarkdown.Render(report));
        if (!summary.Interrupted) new CheckpointStore(output).Clear();
        if (summary.Interrupted) log.WriteLine($"{experiment.Name}: interrupted after {summary.History.Count} epochs; continue with: run {experiment.Name} --resume {output}");
        if (report.MetricsWithoutTestTimeAugmentation is { } one)
            log.WriteLine($"{experiment.Name}: without test-time augmentation (one view per image): accuracy {one.Accuracy:0.0000}, macro F1 {one.MacroF1:0.0000}");
        log.WriteLine($"{experiment.Name}: accuracy {report.Metrics.Accuracy:0.0000}, macro F1 {report.Metrics.MacroF1:0.0000}, " +
                      $"weighted F1 {report.Metrics.WeightedF1:0.0000}; training {summary.TrainSeconds:0.0} s; wrote {output}");
        return (report, output);
    }

    /// <summary>The test metrics of the network exported without test-time augmentation (one view per image).</summary>
    private static MulticlassClassificationMetrics EvaluateSingleView(MLContext ml, IDataView featurised, byte[] onnx,
        IReadOnlyList<string> classNames, string featureColumn)
    {
        using var scorer = ClassifierTransformers.Fit(ml, onnx, classNames, featureColumn, featurised);
        return ml.MulticlassClassification.Evaluate(scorer.Transform(featurised), "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn, topKPredictionCount: 5);
    }

    /// <summary>The experiment's trainer options with the command-line overrides applied.</summary>
    public static TorchImageClassifierOptions Resolve(Experiment experiment, RunSettings settings)
    {
        if (experiment.Kind == ExperimentKind.MlNetFeaturizer && (settings.InputSize is not null || settings.Pretrained is not null))
            throw new MlNetVisionException($"--input-size and --pretrained do not apply to {experiment.Name}: its ResNet18 ONNX model takes 224 px and brings its own weights.");
        return Resolve(experiment.Trainer, settings);
    }

    /// <summary>Trainer options with the command-line overrides applied.</summary>
    public static TorchImageClassifierOptions Resolve(TorchImageClassifierOptions options, RunSettings settings) => options with
    {
        ImageSize = settings.InputSize ?? options.ImageSize,
        Pretrained = settings.Pretrained ?? options.Pretrained,
        Epochs = settings.Epochs ?? options.Epochs,
        BatchSize = settings.BatchSize ?? options.BatchSize,
        Seed = settings.Seed ?? options.Seed,
        LearningRate = settings.LearningRate ?? options.LearningRate,
        ValidationFraction = settings.ValidationFraction ?? options.ValidationFraction,
        GradientClipNorm = settings.GradientClipNorm ?? options.GradientClipNorm,
        Augmentation = settings.Augmentation is null ? options.Augmentation : settings.Augmentation == "none" ? "" : settings.Augmentation,
    };

    /// <summary>How the run executes, from the command line: threads, device, checkpoint interval (the folder and resume
    /// are the runner's).</summary>
    public static TrainingRuntime ResolveRuntime(RunSettings settings) => TrainingRuntime.Default with
    {
        Threads = settings.Threads ?? TrainingRuntime.Default.Threads,
        Device = settings.Device ?? TrainingRuntime.Default.Device,
        CheckpointIntervalMinutes = settings.CheckpointMinutes ?? TrainingRuntime.Default.CheckpointIntervalMinutes,
    };

    /// <summary>
    /// Writes the zip a plain ML.NET app loads: input <c>ImagePath</c>; LoadImages (no base folder, so
    /// absolute or working-directory-relative paths), ResizeImages (iso-crop), ExtractPixels (scaled by
    /// <paramref name="pixelScale"/>), then the trained transformers. Written to a temporary file and renamed into place.
    /// </summary>
    public static void SaveServingModel(MLContext ml, ITransformer classifier, int size, string path, ModelZipMetadata metadata, float pixelScale = 1f / 255)
    {
        var inputSchema = ml.Data.LoadFromEnumerable(Array.Empty<ImagePathRow>());
        var imageTransforms = ml.Transforms.LoadImages("Image", imageFolder: "", ImageFolderReader.ImagePathColumn)
            .Append(ml.Transforms.ResizeImages("Image", size, size, "Image", ImageResizingEstimator.ResizingKind.IsoCrop))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: pixelScale))
            .Fit(inputSchema);
        var serving = imageTransforms.Append(classifier);
        try
        {
            ModelZip.Save(ml, serving, inputSchema.Schema, metadata, path);
        }
        catch (IOException e)
        {
            throw new MlNetVisionException($"Could not write {path}: {e.Message} (is the disk full?). Nothing was written there; the checkpoint in the run folder keeps the training.", e);
        }
    }

    /// <summary>A run's saved settings, read back by <c>--resume</c>.</summary>
    public sealed record SavedRun(string Experiment, RunSettings Settings);

    /// <summary>
    /// The run folder to resume: <paramref name="folder"/> when given, else the newest folder under
    /// <c>artifacts/&lt;experiment&gt;/</c> that still holds a checkpoint.
    /// </summary>
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

    /// <summary>Reads a run folder's saved settings.</summary>
    public static SavedRun ReadSavedRun(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize<SavedRun>(File.ReadAllText(Path.Combine(folder, SettingsFile)), ReportJson.Options)
                ?? throw new MlNetVisionException($"{Path.Combine(folder, SettingsFile)} is empty.");
        }
        catch (JsonException e)
        {
            throw new MlNetVisionException($"{Path.Combine(folder, SettingsFile)} cannot be read: {e.Message}", e);
        }
    }

    private static List<string> Notes(Experiment experiment, TrainingSummary summary)
    {
        var notes = new List<string>();
        if (experiment.Notes is not null) notes.Add(experiment.Notes);
        if (experiment.PublishedAccuracy is { } seed) notes.Add($"The seed study reported test accuracy {seed:0.0000} for this recipe.");
        if (experiment.Kind == ExperimentKind.MlNetFeaturizer)
            notes.Add("ML.NET pipeline: ResizeImages 224 → ExtractPixels (0–255) → DnnFeaturizeImage (ResNet18) → LbfgsMaximumEntropy (ML.NET defaults); " +
                      "of config.trainer only seed applies. Train time includes featurising the training images; the zip's PredictedLabel is a string, not a one-element vector.");
        else notes.Add(summary.Pretrained is { } weights ? $"Started from pretrained weights: {weights}." : "Trained from random initialisation.");
        if (summary.FeatureSeconds is { } featureSeconds)
            notes.Add($"Backbone frozen: the one feature pass took {featureSeconds:0.0} s (included in trainSeconds).");
        return notes;
    }

    private static ImageSet Limit(ImageSet set, int? limit, bool stratified, int seed) =>
        limit is not { } n ? set : stratified ? set.StratifiedSample(n, seed) : set.Take(n);

    /// <summary>
    /// A run folder name for <c>root/experiment/yyyyMMdd-HHmmss-pid-xxxxxxxx</c> (32 random bits), so two runs started in
    /// the same second, in one process or two, get different folders (one chance in about 4 billion per pair to draw
    /// the same; <see cref="PrepareOutput"/> also skips a name that exists).
    /// </summary>
    public static string NewRunFolder(string root, string experiment, DateTimeOffset started) =>
        Path.Combine(root, experiment, $"{started:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    private static string UnusedRunFolder(string root, string experiment, DateTimeOffset started)
    {
        string folder;
        do folder = NewRunFolder(root, experiment, started);
        while (Directory.Exists(folder));
        return folder;
    }

    private static string PrepareOutput(string? option, string experiment, DateTimeOffset started)
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
        return folder;
    }

    /// <summary><c>artifacts/</c> of the repository this runs from (found upwards from the working directory), else of the working directory.</summary>
    public static string ArtifactsRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetVision.sln"))) return Path.Combine(dir.FullName, "artifacts");
        return Path.Combine(Environment.CurrentDirectory, "artifacts");
    }

    private static MetricsInfo Metrics(MulticlassClassificationMetrics metrics, IReadOnlyList<string> classes)
    {
        var counts = metrics.ConfusionMatrix.Counts.Select(r => (IReadOnlyList<long>)r.Select(v => (long)Math.Round(v)).ToList()).ToList();
        var derived = new ConfusionMetrics(counts, classes);
        return new MetricsInfo(metrics.MicroAccuracy, metrics.MacroAccuracy, derived.MacroF1, derived.WeightedF1, metrics.LogLoss,
            metrics.TopKPredictionCount, metrics.TopKAccuracy, derived.PerClass, counts, classes);
    }

    private static List<FileChecksum> Checksums(string folder) =>
        Cifar10Format.AllDataFiles.Select(f =>
        {
            using var stream = File.OpenRead(Path.Combine(folder, f));
            return new FileChecksum(f, Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant());
        }).ToList();


    private sealed class ImagePathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
