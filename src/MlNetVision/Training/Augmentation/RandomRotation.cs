using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// Rotates each image by an angle drawn uniformly from [−degrees, +degrees], bilinear, with corners
/// filled by <see cref="Fill"/> (in [0, 1]). Spec: <c>rotate[:degrees=15][:fill=0]</c>.
/// </summary>
internal sealed record RandomRotation(double Degrees = 15, float Fill = 0f) : IBatchAugmentation
{
    /// <inheritdoc />
    public string Spec => $"rotate:degrees={Degrees}:fill={Fill}";

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator, BatchRows? batchRows = null) =>
        ImageOps.Rotate(images, RandomDraws.Uniform(images.shape[0], -Degrees, Degrees, generator, images.device), nearest: false, Fill);
}
