namespace MlNetVision.Suite.Benchmarks;

/// <summary>Percentiles of request latencies by the nearest-rank method: the smallest value with at least p % of the values at or below it.</summary>
public static class LatencyPercentiles
{
    /// <summary>
    /// The <paramref name="percent"/>th percentile of <paramref name="sorted"/> (ascending): the value at rank
    /// ⌈p/100 × n⌉ (at least 1), so every result is one of the values; 0 for none.
    /// </summary>
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (sorted.Count == 0) return 0;
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
