namespace MlNetVision.Suite.Benchmarks;

/// <summary>What <c>serve-bench</c> measured over its counted seconds (one image per request).</summary>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Seconds">Counted seconds, after warm-up, as measured.</param>
/// <param name="Requests">Requests completed in the counted seconds, errors included.</param>
/// <param name="RequestsPerSecond">Requests ÷ seconds.</param>
/// <param name="ImagesPerSecond">Images ÷ seconds: the same as requests/s, one image per request.</param>
/// <param name="P50Ms">Median latency, ms.</param>
/// <param name="P95Ms">95th percentile latency, ms.</param>
/// <param name="P99Ms">99th percentile latency, ms.</param>
/// <param name="MaxMs">Slowest request, ms.</param>
/// <param name="Errors">Counted requests that got a non-2xx status or threw.</param>
/// <param name="RssWarmupMb">The app's resident memory at the end of warm-up, MB (0 when not sampled).</param>
/// <param name="RssEndMb">The app's resident memory at the end, MB.</param>
/// <param name="RssPeakMb">The largest sample, warm-up included, MB.</param>
/// <param name="RssGrowthPercent">Growth from the end of warm-up to the end, %.</param>
public sealed record ServeBenchResult(int Clients, double Seconds, long Requests, double RequestsPerSecond, double ImagesPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Errors, double RssWarmupMb, double RssEndMb, double RssPeakMb, double RssGrowthPercent);
