using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// What one kind of experiment (<see cref="ExperimentKind"/>) puts into a run: the pixel scale of its preprocessing,
/// the estimator appended after it, its training summary, its extra evaluation and its report notes. The runner
/// does the rest the same way for every kind.
/// </summary>
public interface IExperimentPipeline
{
    /// <summary>The factor ExtractPixels multiplies the 0–255 byte values by.</summary>
    float PixelScale { get; }

    /// <summary>
    /// The estimator appended after the preprocessing; called once, before fitting.
    /// <paramref name="featurisedTest"/> is the test set as the estimator sees data (features and key label);
    /// <paramref name="validation"/> the data set's own validation images the same way, or null.
    /// </summary>
    IEstimator<ITransformer> Estimator(MLContext ml, ILabeledImages train, int size, IDataView featurisedTest, IDataView? validation);

    /// <summary>The training summary, once the pipeline is fitted; <paramref name="fitSeconds"/> is the whole fit's time.</summary>
    TrainingSummary Summary(ILabeledImages train, int size, double fitSeconds);

    /// <summary>The test metrics without test-time augmentation (one view per image), when the kind has them.</summary>
    MulticlassClassificationMetrics? EvaluateSingleView(MLContext ml, IDataView featurisedTest, IReadOnlyList<string> classNames);

    /// <summary>The report notes about how this kind trained.</summary>
    IEnumerable<string> Notes(TrainingSummary summary);

    /// <summary>The pipeline for <paramref name="experiment"/>'s kind.</summary>
    static IExperimentPipeline For(Experiment experiment, TorchImageClassifierOptions options, TrainingRuntime runtime, RunSettings settings, TextWriter log,
        CancellationToken cancellation) =>
        experiment.Kind switch
        {
            ExperimentKind.MlNetFeaturizer => new FeaturizerBaselinePipeline(experiment.Name, log),
            ExperimentKind.Torch => new TorchTrainerPipeline(options, runtime, settings.MonitorTest, log, cancellation),
            _ => throw new ArgumentOutOfRangeException(nameof(experiment), experiment.Kind, "Unknown experiment kind."),
        };
}
