namespace MlNetVision.Suite.Benchmarks;

/// <summary>What <c>serve-bench</c> measured: the good requests' figures over its counted seconds (one image per
/// request), the malformed requests' answers over the whole run, and the app's state at the end.</summary>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Seconds">Counted seconds, after warm-up, as measured.</param>
/// <param name="Requests">Good requests completed in the counted seconds, errors included.</param>
/// <param name="RequestsPerSecond">Requests ÷ seconds.</param>
/// <param name="ImagesPerSecond">Images ÷ seconds: the same as requests/s, one image per request.</param>
/// <param name="P50Ms">Median latency, ms.</param>
/// <param name="P95Ms">95th percentile latency, ms.</param>
/// <param name="P99Ms">99th percentile latency, ms.</param>
/// <param name="MaxMs">Slowest request, ms.</param>
/// <param name="Errors">Counted good requests that got a non-2xx status or threw.</param>
/// <param name="RssWarmupMb">The app's resident memory at the end of warm-up, MB (0 when not sampled).</param>
/// <param name="RssEndMb">The app's resident memory at the end, MB.</param>
/// <param name="RssPeakMb">The largest sample, warm-up included, MB.</param>
/// <param name="RssGrowthPercent">Growth from the end of warm-up to the end, %.</param>
/// <param name="Malformed">Malformed requests sent over the run, warm-up included.</param>
/// <param name="MalformedAsExpected">Those answered with the status their kind must get.</param>
/// <param name="MalformedMismatches">Those answered with another status, or not at all.</param>
/// <param name="AppRestarted">Whether the app process the run started is gone at the end (it exited: a service
/// manager would restart it); null for an app given by <c>--url</c>, whose process is not known.</param>
/// <param name="AppHealthy">Whether <c>GET /healthz</c> answered 200 after the run.</param>
public sealed record ServeBenchResult(int Clients, double Seconds, long Requests, double RequestsPerSecond, double ImagesPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Errors, double RssWarmupMb, double RssEndMb, double RssPeakMb, double RssGrowthPercent,
    long Malformed, long MalformedAsExpected, long MalformedMismatches, bool? AppRestarted, bool AppHealthy)
{
    /// <summary>No errors, no mismatches, the app neither exited nor stopped answering: <c>serve-bench</c>'s exit code 0.</summary>
    public bool Passed() => Errors == 0 && MalformedMismatches == 0 && AppRestarted != true && AppHealthy;
}
