namespace MlNetVision.Suite.Benchmarks;

/// <summary>The figures every benchmark reports from its step times.</summary>
public static class BenchmarkStatistics
{
    /// <summary>The median of <paramref name="values"/> (mean of the middle two for an even count), 0 for none.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Images per second over all timed steps: <paramref name="batch"/> × steps ÷ total time, 0 for none.</summary>
    public static double ImagesPerSecond(int batch, IReadOnlyCollection<double> stepMilliseconds) =>
        stepMilliseconds.Count == 0 ? 0 : batch * stepMilliseconds.Count / (stepMilliseconds.Sum() / 1000);

    /// <summary>Rounded to two decimals, as the peer prints its figures.</summary>
    public static double Round(double value) => Math.Round(value, 2);
}
