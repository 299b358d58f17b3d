using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// A histogram of one parameter tensor's values, as TensorBoard's <c>HistogramProto</c> holds one: equal-width buckets
/// from <see cref="Min"/> to <see cref="Max"/>, each named by its right edge.
/// </summary>
/// <param name="Name">The parameter's name in the module (<c>features.0.weight</c>).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Count">How many values.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="SumSquares">The sum of their squares.</param>
/// <param name="BucketLimits">Each bucket's right edge, ascending.</param>
/// <param name="BucketCounts">Each bucket's count.</param>
internal sealed record ParameterHistogram(string Name, double Min, double Max, long Count, double Sum, double SumSquares,
    double[] BucketLimits, double[] BucketCounts)
{
    /// <summary>Buckets per histogram.</summary>
    public const int Buckets = 30;

    /// <summary>The histogram of every trainable parameter of <paramref name="model"/>, in the module's order; tensor ops only.</summary>
    public static List<ParameterHistogram> Of(nn.Module model)
    {
        using var noGrad = no_grad();
        var result = new List<ParameterHistogram>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad || parameter.numel() == 0) continue;
            using var scope = NewDisposeScope();
            var values = parameter.detach().flatten().to_type(ScalarType.Float64).cpu();
            double min = values.min().item<double>(), max = values.max().item<double>();
            double sum = values.sum().item<double>(), squares = values.square().sum().item<double>();
            if (max == min)
            {
                result.Add(new ParameterHistogram(name, min, max, values.numel(), sum, squares, [max], [values.numel()]));
                continue;
            }
            double width = (max - min) / Buckets;
            // TorchSharp's histc takes integer bounds, so: bucket index per value, then counts per index
            var bucket = values.sub(min).div_(width).floor_().clamp_(0, Buckets - 1).to_type(ScalarType.Int64);
            var counts = bincount(bucket, minlength: Buckets).to_type(ScalarType.Float64).data<double>().ToArray();
            var limits = Enumerable.Range(1, Buckets).Select(k => k == Buckets ? max : min + k * width).ToArray();
            result.Add(new ParameterHistogram(name, min, max, values.numel(), sum, squares, limits, counts));
        }
        return result;
    }
}
