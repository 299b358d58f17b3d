using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>Mirrors each image left-right with probability <see cref="Probability"/>. Spec: <c>flip[:p=0.5]</c>.</summary>
public sealed record HorizontalFlip(double Probability = 0.5) : IBatchAugmentation
{
    /// <inheritdoc />
    public string Spec => $"flip:p={Probability}";

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator)
    {
        var flip = RandomDraws.PerImage(RandomDraws.Bernoulli(images.shape[0], Probability, generator, images.device));
        return where(flip, images.flip(3), images);
    }
}
