using System.Text.Json;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// The load benchmark behind <c>serve-bench</c>: runs <see cref="ServeLoad"/> against a serving app and, when the app's
/// process id is known, samples its resident memory once per second.
/// </summary>
public static class ServeBench
{
    /// <summary>The JSON line's options: camelCase names, compact.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the load; <paramref name="pid"/> is the app's process (null: memory is not sampled, its figures are 0).</summary>
    public static async Task<(ServeBenchResult Result, LoadSamples Samples)> RunAsync(Uri url, int? pid, IReadOnlyList<LoadImage> images,
        int clients, TimeSpan warmup, TimeSpan counted, CancellationToken cancel = default)
    {
        var sampler = pid is { } id ? new RssSampler(id) : null;
        double warmMb = 0;
        LoadOutcome outcome;
        try
        {
            outcome = await new ServeLoad(url, images, clients).RunAsync(warmup, counted, () => warmMb = sampler?.Sample() ?? 0, cancel);
        }
        finally
        {
            if (sampler is not null) await sampler.DisposeAsync();
        }
        double endMb = sampler?.Sample() ?? 0;
        return (Summarize(clients, outcome, warmMb, endMb, sampler?.PeakMb ?? 0), outcome.Samples);
    }

    /// <summary>The figures of one run: rates over the counted seconds, nearest-rank percentiles, memory growth after warm-up.</summary>
    public static ServeBenchResult Summarize(int clients, LoadOutcome outcome, double rssWarmupMb, double rssEndMb, double rssPeakMb)
    {
        var sorted = outcome.Samples.SortedLatencies();
        double rate = outcome.Seconds > 0 ? sorted.Count / outcome.Seconds : 0;
        double growth = rssWarmupMb > 0 ? (rssEndMb - rssWarmupMb) / rssWarmupMb * 100 : 0;
        return new ServeBenchResult(clients, R(outcome.Seconds), sorted.Count, R(rate), R(rate),
            R(LatencyPercentiles.Of(sorted, 50)), R(LatencyPercentiles.Of(sorted, 95)), R(LatencyPercentiles.Of(sorted, 99)),
            R(sorted.Count > 0 ? sorted[^1] : 0), outcome.Samples.Errors, R(rssWarmupMb), R(rssEndMb), R(Math.Max(rssPeakMb, Math.Max(rssWarmupMb, rssEndMb))), R(growth));
    }

    /// <summary>The result as one line of JSON.</summary>
    public static string JsonLine(ServeBenchResult result) => JsonSerializer.Serialize(result, JsonOptions);

    private static double R(double value) => BenchmarkStatistics.Round(value);
}
