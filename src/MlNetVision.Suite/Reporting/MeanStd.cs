using System.Globalization;

namespace MlNetVision.Suite.Reporting;

/// <summary>Mean and sample standard deviation (n − 1; 0 for one value) of a metric over runs.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Std">Sample standard deviation.</param>
/// <param name="Count">Number of values.</param>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    /// <summary>The statistics of <paramref name="values"/> (at least one).</summary>
    public static MeanStd Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) throw new ArgumentException("No values.", nameof(values));
        double mean = list.Average();
        double std = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return new MeanStd(mean, std, list.Count);
    }

    /// <summary><c>mean ± std</c> in <paramref name="format"/>; just the value when there is one (no spread to show).</summary>
    public string Format(string format = "0.0000") => Count < 2
        ? Mean.ToString(format, CultureInfo.InvariantCulture)
        : $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {Std.ToString(format, CultureInfo.InvariantCulture)}";
}
