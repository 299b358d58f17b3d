using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// <see cref="Definitions.ExperimentKind.Torch"/>: pixels scaled to 0–1, then the TorchSharp trainer with the
/// experiment's options; the report also has the metrics without test-time augmentation.
/// </summary>
/// <param name="options">The resolved trainer options.</param>
/// <param name="runtime">How the training executes (threads, device, checkpoints).</param>
/// <param name="monitorTest">Whether the trainer also reports test accuracy per epoch (<c>--monitor-test</c>).</param>
/// <param name="log">Where the trainer writes progress.</param>
/// <param name="cancellation">Stops training early; the best model so far is kept.</param>
public sealed class TorchTrainerPipeline(TorchImageClassifierOptions options, TrainingRuntime runtime, bool monitorTest, TextWriter log, CancellationToken cancellation) : IExperimentPipeline
{
    private TorchImageClassificationTrainer? _trainer;

    /// <inheritdoc/>
    public float PixelScale => 1f / 255;

    /// <inheritdoc/>
    public IEstimator<ITransformer> Estimator(MLContext ml, ILabeledImages train, int size, IDataView featurisedTest, IDataView? validation) =>
        _trainer = new TorchImageClassificationTrainer(ml, options, runtime, log, cancellation)
        {
            MonitorData = monitorTest ? featurisedTest : null,
            ValidationData = validation,
        };

    /// <inheritdoc/>
    public TrainingSummary Summary(ILabeledImages train, int size, double fitSeconds) =>
        Trainer.LastSummary ?? throw new InvalidOperationException("The trainer has not been fitted.");

    /// <inheritdoc/>
    public MulticlassClassificationMetrics? EvaluateSingleView(MLContext ml, IDataView featurised, IReadOnlyList<string> classNames)
    {
        if (Trainer.LastOnnxModelWithoutTestTimeAugmentation is not { } plain) return null;
        using var scorer = ClassifierTransformers.Fit(ml, plain, classNames, options.FeatureColumnName, featurised);
        return ml.MulticlassClassification.Evaluate(scorer.Transform(featurised), "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn, topKPredictionCount: Math.Min(5, classNames.Count));
    }

    /// <inheritdoc/>
    public IEnumerable<string> Notes(TrainingSummary summary) =>
        [summary.Pretrained is { } weights ? $"Started from pretrained weights: {weights}." : "Trained from random initialisation."];

    private TorchImageClassificationTrainer Trainer =>
        _trainer ?? throw new InvalidOperationException($"{nameof(Estimator)} has not been called.");
}
