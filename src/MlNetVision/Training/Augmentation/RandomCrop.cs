using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// Pads each image by <see cref="Padding"/> pixels (zeros, or a reflection of the border) and crops back
/// to its size at a random offset — a random translation by up to ±padding. Spec: <c>crop[:pad=4][:mode=zero|reflect]</c>.
/// </summary>
internal sealed record RandomCrop(int Padding = 4, bool Reflect = false) : IBatchAugmentation
{
    /// <inheritdoc />
    public string Spec => $"crop:pad={Padding}:mode={(Reflect ? "reflect" : "zero")}";

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator, BatchRows? batchRows = null)
    {
        long b = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var dy = RandomDraws.Integers(b, 0, 2 * Padding + 1, generator, images.device);
        var dx = RandomDraws.Integers(b, 0, 2 * Padding + 1, generator, images.device);
        if (Padding == 0) return images.clone();
        var padded = nn.functional.pad(images, [Padding, Padding, Padding, Padding], Reflect ? PaddingModes.Reflect : PaddingModes.Zeros);
        var rows = (arange(h, device: images.device).reshape(1, 1, h, 1) + dy.reshape(b, 1, 1, 1)).expand(b, c, h, w + 2 * Padding);
        var picked = padded.gather(2, rows);
        var columns = (arange(w, device: images.device).reshape(1, 1, 1, w) + dx.reshape(b, 1, 1, 1)).expand(b, c, h, w);
        return picked.gather(3, columns);
    }
}
