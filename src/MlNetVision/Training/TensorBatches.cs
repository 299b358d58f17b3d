using MlNetVision.Data;
using MlNetVision.Training.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// Labelled images as batches on the training device: an <see cref="ImageSet"/> (in memory) is held as one uint8 tensor
/// <c>[N, 3, P, P]</c>; any other <see cref="ILabeledImages"/> (a disk cache) is read batch by batch, so memory does not grow
/// with the data set. <see cref="Batch"/> turns row indices into a normalised float batch at the model's size.
/// </summary>
internal sealed class TensorBatches : IBatchSource, IDisposable
{
    private readonly ILabeledImages _images;
    private readonly Tensor? _resident;
    private readonly Tensor _mean;
    private readonly Tensor _std;
    private byte[] _buffer = [];

    /// <summary>Prepares batches of <paramref name="images"/> on <paramref name="device"/>.</summary>
    public TensorBatches(ILabeledImages images, int modelImageSize, float[] mean, float[] std, Device device)
    {
        if (images.Height != images.Width)
            throw new ArgumentException($"{images.Name}: the trainer takes square images; these are {images.Width}x{images.Height}.");
        _images = images;
        if (images is ImageSet set)
            _resident = tensor(set.Pixels, [set.Count, 3, set.Height, set.Width], ScalarType.Byte).to(device);
        Labels = tensor(images.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64).to(device);
        Count = images.Count;
        ModelImageSize = modelImageSize;
        Device = device;
        _mean = tensor(mean).reshape(1, 3, 1, 1).to(device);
        _std = tensor(std).reshape(1, 3, 1, 1).to(device);
    }

    /// <summary>All labels, int64.</summary>
    public Tensor Labels { get; }

    /// <summary>Rows held.</summary>
    public int Count { get; }

    /// <summary>Side of the image the model sees.</summary>
    public int ModelImageSize { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <summary>Whether the images are held in memory (else read from disk per batch).</summary>
    public bool Resident => _resident is not null;

    /// <summary>
    /// The training batch <c>[B, 3, S, S]</c> for <paramref name="indices"/>: scaled to [0, 1], augmented with the
    /// draws of (<paramref name="seed"/>, <paramref name="step"/>) and the rows' own draws in <paramref name="epoch"/>, resized
    /// (bilinear) and normalised; with its labels.
    /// </summary>
    public (Tensor Inputs, Tensor Labels) Batch(Tensor indices, AugmentationPipeline augmentation, long seed, long step, int epoch)
    {
        var x = augmentation.Apply(Gather(indices).to_type(ScalarType.Float32).div_(255f), seed, step, indices, epoch);
        return (Finish(x), Labels.index_select(0, indices));
    }

    /// <inheritdoc />
    public (Tensor Inputs, Tensor Labels) Range(int start, int count) =>
        (Prepare(_resident is { } all ? all.narrow(0, start, count) : Read(Enumerable.Range(start, count).ToArray())), Labels.narrow(0, start, count));

    /// <summary>Scales, resizes and normalises a uint8 batch (no augmentation: evaluation).</summary>
    public Tensor Prepare(Tensor uint8Batch) => Finish(uint8Batch.to_type(ScalarType.Float32).div_(255f));

    private Tensor Gather(Tensor indices) =>
        _resident is { } all ? all.index_select(0, indices) : Read(indices.cpu().data<long>().Select(i => (int)i).ToArray());

    private Tensor Read(int[] rows)
    {
        int imageBytes = 3 * _images.Height * _images.Width;
        int needed = rows.Length * imageBytes;
        if (_buffer.Length < needed) _buffer = new byte[needed];
        _images.CopyImages(rows, _buffer.AsSpan(0, needed));
        var batch = zeros([rows.Length, 3, _images.Height, _images.Width], ScalarType.Byte);
        batch.bytes = _buffer.AsSpan(0, needed);
        return batch.to(Device);
    }

    private Tensor Finish(Tensor x)
    {
        if (x.shape[^1] != ModelImageSize)
            x = nn.functional.interpolate(x, size: [ModelImageSize, ModelImageSize], mode: InterpolationMode.Bilinear, align_corners: false);
        return x.sub_(_mean).div_(_std);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _resident?.Dispose();
        Labels.Dispose();
        _mean.Dispose();
        _std.Dispose();
    }
}
