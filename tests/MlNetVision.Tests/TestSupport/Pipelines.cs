using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Persistence;
using MlNetVision.Training;

namespace MlNetVision.Tests.TestSupport;

/// <summary>The standard experiment pipeline over an in-memory image set, for tests.</summary>
public static class Pipelines
{
    /// <summary>MapValueToKey, then the library's one preprocessing (<see cref="ImagePreprocessing"/>, pixels in [0, 1]).</summary>
    public static IEstimator<ITransformer> Preprocess(MLContext ml, IReadOnlyList<string> classNames, int size = 32) =>
        new ImagePreprocessing(size, 1f / 255).Append(ml,
            ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyData: ClassifierTransformers.ClassNamesView(ml, classNames)));

    public static TorchImageClassifierOptions QuickOptions(string model = "simple_cnn") => new()
    {
        ModelName = model, Epochs = 2, BatchSize = 16, LearningRate = 2e-3, Seed = 5,
    };

    /// <summary>One thread (reproducible), no progress bar, no checkpoints.</summary>
    public static TrainingRuntime QuickRuntime { get; } = new() { Threads = 1, ShowProgress = false };
}
