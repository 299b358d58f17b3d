using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetVision.Data;
using MlNetVision.Evaluation;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Infrastructure;
using MlNetVision.Onnx;
using MlNetVision.Reporting;
using MlNetVision.Training;

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

    /// <summary>Runs <paramref name="experiment"/> with <paramref name="settings"/>; returns the report.</summary>
    public (RunReport Report, string Folder) Run(Experiment experiment, RunSettings settings)
    {
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var options = Resolve(experiment, settings);
        options.Validate();
        var output = PrepareOutput(settings.Output, experiment.Name, started);

        var folder = Cifar10Dataset.EnsureAvailable(settings.Data, log);
        var (train, test) = Cifar10Dataset.Load(folder);
        train = Limit(train, settings.LimitTrain, settings.Stratified, options.Seed);
        test = Limit(test, settings.LimitTest, settings.Stratified, options.Seed);
        log.WriteLine($"{experiment.Name}: {train.Count:N0} training and {test.Count:N0} test images from {folder}; output {output}");

        var ml = new MLContext(options.Seed);
        int size = experiment.PipelineImageSize;
        bool baseline = experiment.Kind == ExperimentKind.MlNetFeaturizer;
        float pixelScale = baseline ? MlNetFeaturizerBaseline.PixelScale : 1f / 255;
        var preprocess = ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyData: ClassNamesView(ml, train.ClassNames))
            .Append(ml.Transforms.ResizeImages("Image", size, size, "Image", ImageResizingEstimator.ResizingKind.IsoCrop))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: pixelScale));
        var trainer = baseline ? null : new TorchImageClassificationTrainer(ml, options, log);
        if (baseline)
            log.WriteLine($"{experiment.Name}: featurising {train.Count:N0} images with ML.NET's ResNet18 (ONNX Runtime, {size} px), then fitting LbfgsMaximumEntropy");
        var fitClock = Stopwatch.StartNew();
        var fitted = baseline
            ? preprocess.Append(MlNetFeaturizerBaseline.Estimator(ml)).Fit(ImageSetDataView.Create(ml, train))
            : preprocess.Append(trainer!).Fit(ImageSetDataView.Create(ml, train));
        fitClock.Stop();
        var summary = trainer?.LastSummary ?? new TrainingSummary([], fitClock.Elapsed.TotalSeconds, train.Count, train.Count, 0,
            513L * train.ClassNames.Count, train.ClassNames, size, size, MlNetResNet18Package.Description);

        var modelPath = Path.Combine(output, ModelFile);
        SaveServingModel(ml, fitted.LastTransformer, size, modelPath, pixelScale);

        var evalClock = Stopwatch.StartNew();
        var scored = fitted.Transform(ImageSetDataView.Create(ml, test));
        var metrics = ml.MulticlassClassification.Evaluate(scored, "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn, topKPredictionCount: 5);
        evalClock.Stop();

        var report = new RunReport
        {
            Experiment = experiment.Name,
            Model = options.ModelName,
            StartedAt = started,
            Config = new RunConfig(options, size, settings.LimitTrain, settings.LimitTest, settings.Stratified),
            Dataset = new DatasetInfo("cifar10", folder, summary.TrainCount, summary.ValidationCount, test.Count, Checksums(folder)),
            Environment = EnvironmentProbe.Describe(options.Device),
            History = summary.History,
            Metrics = Metrics(metrics, summary.ClassNames),
            Timing = new TimingInfo(summary.TrainSeconds, summary.TrainImagesPerSecond, evalClock.Elapsed.TotalSeconds,
                test.Count / evalClock.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
            Artifacts = new ArtifactsInfo(ModelFile, ReportFile, SummaryFile),
            Notes = Notes(experiment, summary),
        };
        ReportJson.Write(report, Path.Combine(output, ReportFile));
        AtomicFile.WriteAllText(Path.Combine(output, SummaryFile), SummaryMarkdown.Render(report));
        log.WriteLine($"{experiment.Name}: accuracy {report.Metrics.Accuracy:0.0000}, macro F1 {report.Metrics.MacroF1:0.0000}, " +
                      $"weighted F1 {report.Metrics.WeightedF1:0.0000}; training {summary.TrainSeconds:0.0} s; wrote {output}");
        return (report, output);
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
        Threads = settings.Threads ?? options.Threads,
        LearningRate = settings.LearningRate ?? options.LearningRate,
        ValidationFraction = settings.ValidationFraction ?? options.ValidationFraction,
        Device = settings.Device ?? options.Device,
    };

    /// <summary>
    /// Writes the zip a plain ML.NET app loads: input <c>ImagePath</c>; LoadImages (no base folder, so
    /// absolute or working-directory-relative paths), ResizeImages (iso-crop), ExtractPixels (scaled by
    /// <paramref name="pixelScale"/>), then the trained transformers. Written to a temporary file and renamed into place.
    /// </summary>
    public static void SaveServingModel(MLContext ml, ITransformer classifier, int size, string path, float pixelScale = 1f / 255)
    {
        var inputSchema = ml.Data.LoadFromEnumerable(Array.Empty<ImagePathRow>());
        var imageTransforms = ml.Transforms.LoadImages("Image", imageFolder: "", ImageFolderReader.ImagePathColumn)
            .Append(ml.Transforms.ResizeImages("Image", size, size, "Image", ImageResizingEstimator.ResizingKind.IsoCrop))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: pixelScale))
            .Fit(inputSchema);
        var serving = imageTransforms.Append(classifier);
        AtomicFile.Write(path, stream => ml.Model.Save(serving, inputSchema.Schema, stream));
    }

    private static List<string> Notes(Experiment experiment, TrainingSummary summary)
    {
        var notes = new List<string>();
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

    private static string PrepareOutput(string? option, string experiment, DateTimeOffset started)
    {
        var folder = option is not null ? Path.GetFullPath(option)
            : Path.Combine(ArtifactsRoot(), experiment, started.ToString("yyyyMMdd-HHmmss") + $"-{Environment.ProcessId}");
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
    private static string ArtifactsRoot()
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

    private static IDataView ClassNamesView(MLContext ml, IReadOnlyList<string> names) =>
        ml.Data.LoadFromEnumerable(names.Select(n => new ClassNameRow { Value = n }));

    private sealed class ClassNameRow
    {
        public string Value { get; set; } = "";
    }

    private sealed class ImagePathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
