using MlNetVision.Data;
using MlNetVision.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>Per-channel mean and standard deviation of training images, for <see cref="TorchImageClassifierOptions.NormalizationFromData"/>.</summary>
public static class NormalizationStatistics
{
    /// <summary>At most this many images are measured (evenly spaced over the set): enough for four decimals on CIFAR-10.</summary>
    public const int MaxImages = 10_000;

    /// <summary>The mean and (population) standard deviation of each channel of <paramref name="images"/>' pixels scaled to [0, 1].</summary>
    public static InputNormalization Measure(ILabeledImages images)
    {
        int n = Math.Min(images.Count, MaxImages);
        var rows = Enumerable.Range(0, n).Select(i => (int)((long)i * images.Count / n)).ToArray();
        int imageBytes = 3 * images.Height * images.Width;
        const int Chunk = 256;
        var buffer = new byte[Chunk * imageBytes];
        var sum = new double[3];
        var squares = new double[3];
        for (int start = 0; start < n; start += Chunk)
        {
            int count = Math.Min(Chunk, n - start);
            images.CopyImages(rows.AsSpan(start, count), buffer.AsSpan(0, count * imageBytes));
            using var scope = NewDisposeScope();
            var x = tensor(buffer, [Chunk, 3, images.Height, images.Width], ScalarType.Byte).narrow(0, 0, count).to_type(ScalarType.Float64).div_(255.0);
            var channelSum = x.sum([0, 2, 3]).data<double>().ToArray();
            var channelSquares = x.square().sum([0, 2, 3]).data<double>().ToArray();
            for (int c = 0; c < 3; c++)
            {
                sum[c] += channelSum[c];
                squares[c] += channelSquares[c];
            }
        }
        double pixels = (double)n * images.Height * images.Width;
        var mean = sum.Select(s => s / pixels).ToArray();
        var std = Enumerable.Range(0, 3).Select(c => Math.Sqrt(Math.Max(squares[c] / pixels - mean[c] * mean[c], 1e-12))).ToArray();
        return new InputNormalization(mean.Select(m => (float)m).ToArray(), std.Select(s => (float)Math.Max(s, 1e-3)).ToArray());
    }
}
