using MlNetVision.Training.Augmentation;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>Precomputed feature vectors <c>[N, F]</c> and their labels, for training a head on a frozen backbone.</summary>
internal sealed class FeatureBatches(Tensor features, Tensor labels) : IBatchSource, IDisposable
{
    /// <summary>The features.</summary>
    public Tensor Features { get; } = features;

    /// <summary>The labels, int64.</summary>
    public Tensor Labels { get; } = labels;

    /// <inheritdoc />
    public int Count => (int)Features.shape[0];

    /// <inheritdoc />
    public Device Device => Features.device;

    /// <inheritdoc />
    /// <remarks>Features are fixed: only an empty augmentation applies (the options reject any other with a frozen backbone).</remarks>
    public (Tensor Inputs, Tensor Labels) Batch(Tensor indices, AugmentationPipeline augmentation, long seed, long step, int epoch) =>
        augmentation.IsEmpty ? (Features.index_select(0, indices), Labels.index_select(0, indices))
        : throw new InvalidOperationException("Precomputed features cannot be augmented.");

    /// <inheritdoc />
    public (Tensor Inputs, Tensor Labels) Range(int start, int count) => (Features.narrow(0, start, count), Labels.narrow(0, start, count));

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
