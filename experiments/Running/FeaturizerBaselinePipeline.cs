using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Onnx;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// <see cref="Definitions.ExperimentKind.MlNetFeaturizer"/>: ML.NET's own transfer learning (DnnFeaturizeImage with
/// ResNet18, then LbfgsMaximumEntropy) on unscaled pixels; no epochs, no test-time augmentation.
/// </summary>
/// <param name="experiment">The experiment's name, for the log.</param>
/// <param name="log">Where the run's progress lines go.</param>
public sealed class FeaturizerBaselinePipeline(string experiment, TextWriter log) : IExperimentPipeline
{
    /// <summary>The featurizer's parameters per class: LbfgsMaximumEntropy's weights over the 512 features plus a bias.</summary>
    private const long ParametersPerClass = 513;

    /// <inheritdoc/>
    public float PixelScale => MlNetFeaturizerBaseline.PixelScale;

    /// <inheritdoc/>
    public IEstimator<ITransformer> Estimator(MLContext ml, ILabeledImages train, int size, IDataView featurisedTest, IDataView? validation)
    {
        log.WriteLine($"{experiment}: featurising {train.Count:N0} images with ML.NET's ResNet18 (ONNX Runtime, {size} px), then fitting LbfgsMaximumEntropy");
        return MlNetFeaturizerBaseline.Estimator(ml);
    }

    /// <inheritdoc/>
    public TrainingSummary Summary(ILabeledImages train, int size, double fitSeconds) =>
        new([], fitSeconds, train.Count, train.Count, 0, ParametersPerClass * train.ClassNames.Count, train.ClassNames, size, size, MlNetResNet18Package.Description);

    /// <inheritdoc/>
    public MulticlassClassificationMetrics? EvaluateSingleView(MLContext ml, IDataView featurisedTest, IReadOnlyList<string> classNames) => null;

    /// <inheritdoc/>
    public IEnumerable<string> Notes(TrainingSummary summary) =>
    [
        "ML.NET pipeline: ResizeImages 224 → ExtractPixels (0–255) → DnnFeaturizeImage (ResNet18) → LbfgsMaximumEntropy (ML.NET defaults); " +
        "of config.trainer only seed applies. Train time includes featurising the training images.",
    ];
}
