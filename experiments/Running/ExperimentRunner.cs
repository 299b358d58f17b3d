using System.Diagnostics;
using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Infrastructure;
using MlNetVision.Onnx;
using MlNetVision.Persistence;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.TensorBoard;
using MlNetVision.Training;
using MlNetVision.Training.Checkpoints;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// Runs one experiment end to end as an ML.NET pipeline: CIFAR-10 or an image folder (<see cref="RunDataLoader"/>; a folder
/// through its pixel cache, built with the same <see cref="ImagePreprocessing"/> as the zip) → Features → the kind's estimator (<see cref="IExperimentPipeline"/>) → Evaluate on the test set → a model zip
/// (<see cref="ServingModel"/>: LoadImages from <c>ImagePath</c> + the same preprocessing + the trained transformers)
/// → <c>report.json</c>, <c>summary.md</c> and <c>report.html</c> in the <see cref="RunFolder"/>. No training loop here.
/// </summary>
public sealed class ExperimentRunner(TextWriter log)
{
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

        // data first: missing, corrupt or unreadable data leaves no run folder behind
        using var data = new RunDataLoader(log).Load(experiment, settings, resolved.Seed, cancellation);
        var train = data.Train;
        var test = data.Test;

        var output = RunFolder.Prepare(settings.Output, experiment.Name, started);
        using var tensorBoard = settings.TensorBoard is { } logs ? new TensorBoardWriter(logs.Length > 0 ? logs : output.Combine(TensorBoardFolder)) : null;
        var scalars = tensorBoard is null ? null : new TrainingScalars(tensorBoard);
        var options = scalars is null ? resolved : scalars.Attach(resolved);
        var runtime = ResolveRuntime(settings) with { CheckpointDirectory = output.FullPath, Resume = resume };
        if (scalars is not null) runtime = scalars.Attach(runtime);
        runtime.Validate();
        if (!resume) output.WriteSavedRun(new SavedRun(experiment.Name, settings with { Output = output.FullPath }, experiment.SourceFile));
        log.WriteLine($"{experiment.Name}: {train.Count:N0} training and {test.Count:N0} test images from {data.Description.Folder}; output {output.FullPath}");

        var ml = new MLContext(options.Seed);
        OnnxRuntimeThreads.Bound(ml, runtime.Threads);
        int size = data.ImageSize;
        var pipeline = IExperimentPipeline.For(experiment, options, runtime, settings, log, cancellation);
        var preprocessing = new ImagePreprocessing(size, pipeline.PixelScale);
        var testView = data.Features(ml, test, preprocessing);   // Features + key Label, as the trainer sees data
        var validationView = data.Validation is { } validation ? data.Features(ml, validation, preprocessing) : null;
        var estimator = pipeline.Estimator(ml, train, size, testView, validationView);
        var fitClock = Stopwatch.StartNew();
        var classifier = estimator.Fit(data.Features(ml, train, preprocessing));
        using var disposeClassifier = classifier as IDisposable;
        fitClock.Stop();
        var summary = pipeline.Summary(train, size, fitClock.Elapsed.TotalSeconds);

        ServingModel.Save(ml, classifier, preprocessing, output.ModelPath,
            new ModelZipMetadata(ModelZipMetadata.CurrentSchemaVersion, experiment.Name, options.ModelName, summary.ClassNames, size, DateTimeOffset.UtcNow));

        var evalClock = Stopwatch.StartNew();
        // cached: the evaluation computes the scores once, and predictions.json reads the same scores back
        var scored = ml.Data.Cache(classifier.Transform(testView));
        var metrics = ml.MulticlassClassification.Evaluate(scored, "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn, topKPredictionCount: Math.Min(5, summary.ClassNames.Count));
        evalClock.Stop();
        var singleView = pipeline.EvaluateSingleView(ml, testView, summary.ClassNames);

        var report = new RunReportBuilder(experiment, options, runtime, settings, pipeline, size, started)
            .Build(summary, data.Description, test.Count, metrics, singleView, evalClock.Elapsed.TotalSeconds,
                RunTimes.AcrossAttempts(total.Elapsed.TotalSeconds, fitClock.Elapsed.TotalSeconds, summary.TrainSeconds));
        var artifacts = new RunArtifacts(output, log);
        report = report with
        {
            Artifacts = artifacts.Write(report.Artifacts, scored, data, summary.ClassNames,
                experiment.Kind == ExperimentKind.Torch ? options.Augmentation : null, options.Seed, summary.ModelImageSize > 0 ? summary.ModelImageSize : size),
        };
        if (tensorBoard is not null)
        {
            scalars!.OnTest(report.Metrics, summary.History.Count);
            report = report with { Artifacts = report.Artifacts with { TensorBoard = RelativeTo(output.FullPath, tensorBoard.Directory) } };
        }
        if (artifacts.Failures.Count > 0) report = report with { Notes = [.. report.Notes, .. artifacts.Failures] };
        ReportJson.Write(report, output.ReportPath);
        AtomicFile.WriteAllText(output.SummaryPath, SummaryMarkdown.Render(report));
        Suite.Reporting.Html.RunReportPage.Write(output.FullPath);   // report.html from report.json and the files beside it
        if (!summary.Interrupted) new CheckpointStore(output.FullPath).Clear();
        if (summary.Interrupted) log.WriteLine($"{experiment.Name}: interrupted after {summary.History.Count} epochs; continue with: run {experiment.Name} --resume {output.FullPath}");
        if (report.MetricsWithoutTestTimeAugmentation is { } one)
            log.WriteLine($"{experiment.Name}: without test-time augmentation (one view per image): accuracy {one.Accuracy:0.0000}, macro F1 {one.MacroF1:0.0000}");
        log.WriteLine($"{experiment.Name}: accuracy {report.Metrics.Accuracy:0.0000}, macro F1 {report.Metrics.MacroF1:0.0000}, " +
                      $"weighted F1 {report.Metrics.WeightedF1:0.0000}; training {summary.TrainSeconds:0.0} s; wrote {output.FullPath}");
        return (report, output.FullPath);
    }

    /// <summary>The default <c>--tensorboard</c> folder's name in the run folder.</summary>
    public const string TensorBoardFolder = "tensorboard";

    private static string RelativeTo(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The experiment's trainer options with the command-line overrides applied.</summary>
    public static TorchImageClassifierOptions Resolve(Experiment experiment, RunSettings settings)
    {
        if (experiment.Kind == ExperimentKind.MlNetFeaturizer && (settings.InputSize is not null || settings.Pretrained is not null || settings.ImageSize is not null))
            throw new MlNetVisionException($"--image-size, --input-size and --pretrained do not apply to {experiment.Name}: its ResNet18 ONNX model takes 224 px and brings its own weights.");
        return Resolve(experiment.Trainer, settings);
    }

    /// <summary>Trainer options with the command-line overrides applied.</summary>
    public static TorchImageClassifierOptions Resolve(TorchImageClassifierOptions options, RunSettings settings) => options with
    {
        ImageSize = settings.InputSize ?? (settings.ImageSize is not null ? 0 : options.ImageSize),
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
        ImagesInMemory = settings.ImagesInMemory,
        Device = settings.Device ?? TrainingRuntime.Default.Device,
        CheckpointIntervalMinutes = settings.CheckpointMinutes ?? TrainingRuntime.Default.CheckpointIntervalMinutes,
    };
}
