using MlNetVision.Training.Augmentation;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>Labelled rows the training loop draws batches from: model-ready inputs and int64 labels on one device.</summary>
internal interface IBatchSource
{
    /// <summary>Rows held.</summary>
    int Count { get; }

    /// <summary>Where the rows live.</summary>
    Device Device { get; }

    /// <summary>
    /// The training inputs and labels of the rows at <paramref name="indices"/> (int64, on <see cref="Device"/>), augmented
    /// with the draws of (<paramref name="seed"/>, <paramref name="step"/>) and the rows' own draws in the 1-based <paramref name="epoch"/>.
    /// </summary>
    (Tensor Inputs, Tensor Labels) Batch(Tensor indices, AugmentationPipeline augmentation, long seed, long step, int epoch);

    /// <summary>The inputs and labels of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1.</summary>
    (Tensor Inputs, Tensor Labels) Range(int start, int count);
}
