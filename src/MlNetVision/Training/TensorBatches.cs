using MlNetVision.Data;
using MlNetVision.Training.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// An <see cref="ImageSet"/> held as one uint8 tensor <c>[N, 3, P, P]</c> plus int64 labels on the training
/// device; <see cref="Batch"/> turns a set of row indices into a normalised float batch at the model's size.
/// </summary>
internal sealed class TensorBatches : IBatchSource, IDisposable
{
    private readonly Tensor _mean;
    private readonly Tensor _std;

    /// <summary>Copies the images to <paramref name="device"/>.</summary>
    public TensorBatches(ImageSet images, int modelImageSize, float[] mean, float[] std, Device device)
    {
        Images = tensor(images.Pixels, [images.Count, 3, images.Height, images.Width], ScalarType.Byte).to(device);
        Labels = tensor(images.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64).to(device);
        Count = images.Count;
        ModelImageSize = modelImageSize;
        _mean = tensor(mean).reshape(1, 3, 1, 1).to(device);
        _std = tensor(std).reshape(1, 3, 1, 1).to(device);
    }

    /// <summary>All images, uint8.</summary>
    public Tensor Images { get; }

    /// <summary>All labels, int64.</summary>
    public Tensor Labels { get; }

    /// <summary>Rows held.</summary>
    public int Count { get; }

    /// <summary>Side of the image the model sees.</summary>
    public int ModelImageSize { get; }

    /// <inheritdoc />
    public Device Device => Images.device;

    /// <summary>
    /// The training batch <c>[B, 3, S, S]</c> for <paramref name="indices"/>: scaled to [0, 1], augmented with the
    /// draws of (<paramref name="seed"/>, <paramref name="step"/>) and the rows' own draws in <paramref name="epoch"/>, resized
    /// (bilinear) and normalised; with its labels.
    /// </summary>
    public (Tensor Inputs, Tensor Labels) Batch(Tensor indices, AugmentationPipeline augmentation, long seed, long step, int epoch)
    {
        var x = augmentation.Apply(Images.index_select(0, indices).to_type(ScalarType.Float32).div_(255f), seed, step, indices, epoch);
        return (Finish(x), Labels.index_select(0, indices));
    }

    /// <inheritdoc />
    public (Tensor Inputs, Tensor Labels) Range(int start, int count) => (Prepare(Images.narrow(0, start, count)), Labels.narrow(0, start, count));

    /// <summary>Scales, resizes and normalises a uint8 batch (no augmentation: evaluation).</summary>
    public Tensor Prepare(Tensor uint8Batch) => Finish(uint8Batch.to_type(ScalarType.Float32).div_(255f));

    private Tensor Finish(Tensor x)
    {
        if (x.shape[^1] != ModelImageSize)
            x = nn.functional.interpolate(x, size: [ModelImageSize, ModelImageSize], mode: InterpolationMode.Bilinear, align_corners: false);
        return x.sub_(_mean).div_(_std);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        _mean.Dispose();
        _std.Dispose();
    }
}
