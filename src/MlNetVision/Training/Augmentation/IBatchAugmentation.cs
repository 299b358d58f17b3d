using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// A random transformation of a whole batch of float images <c>[B, 3, H, W]</c> in [0, 1], with every draw
/// taken from the generator passed to <see cref="Apply"/>, so the same generator state gives the same batch. Implementations
/// use tensor ops on the batch's device, never per-pixel managed loops.
/// </summary>
internal interface IBatchAugmentation
{
    /// <summary>The op's spec, as <see cref="AugmentationPipeline.Parse"/> reads it.</summary>
    string Spec { get; }

    /// <summary>Returns the augmented batch (a new tensor; the input is not modified).</summary>
    /// <param name="images">The batch <c>[B, 3, H, W]</c> in [0, 1].</param>
    /// <param name="generator">The step's random draws.</param>
    /// <param name="batchRows">Which training rows the batch holds, in which epoch; null outside training (ops that need it say so).</param>
    Tensor Apply(Tensor images, Generator generator, BatchRows? batchRows = null);
}
