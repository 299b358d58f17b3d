using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// Zeroes a <see cref="Size"/>×<see cref="Size"/> square at a random centre of each image (DeVries and
/// Taylor 2017; the square may extend past the border). Spec: <c>cutout[:size=8]</c>.
/// </summary>
internal sealed record Cutout(int Size = 8) : IBatchAugmentation
{
    /// <inheritdoc />
    public string Spec => $"cutout:size={Size}";

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator, BatchRows? batchRows = null)
    {
        long b = images.shape[0], h = images.shape[2], w = images.shape[3];
        var cy = RandomDraws.Integers(b, 0, h, generator, images.device).reshape(b, 1, 1, 1);
        var cx = RandomDraws.Integers(b, 0, w, generator, images.device).reshape(b, 1, 1, 1);
        var rows = arange(h, device: images.device).reshape(1, 1, h, 1);
        var columns = arange(w, device: images.device).reshape(1, 1, 1, w);
        int half = Size / 2;
        var inside = (rows >= cy - half).logical_and(rows < cy - half + Size)
            .logical_and(columns >= cx - half).logical_and(columns < cx - half + Size);
        return images.masked_fill(inside, 0);
    }
}
