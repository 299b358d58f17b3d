using System.Net;
using System.Text.Json;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// The load benchmark behind <c>serve-bench</c>: runs <see cref="ServeLoad"/> against a serving app, samples its
/// resident memory once per second when its process is known, and checks afterwards that the app is still the same
/// process and answers <c>GET /healthz</c>.
/// </summary>
public static class ServeBench
{
    /// <summary>The JSON line's options: camelCase names, compact.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the load; <paramref name="app"/> is the app's process (null for an app started elsewhere: memory
    /// is not sampled, its figures are 0, and whether it restarted is not known).</summary>
    public static async Task<(ServeBenchResult Result, LoadOutcome Outcome)> RunAsync(Uri url, ServingAppProcess? app, InterleavedRequests requests,
        int clients, TimeSpan warmup, TimeSpan counted, CancellationToken cancel = default)
    {
        var sampler = app is not null ? new RssSampler(app.Pid) : null;
        double warmMb = 0;
        LoadOutcome outcome;
        try
        {
            outcome = await new ServeLoad(url, requests, clients).RunAsync(warmup, counted, () => warmMb = sampler?.Sample() ?? 0, cancel);
        }
        finally
        {
            if (sampler is not null) await sampler.DisposeAsync();
        }
        double endMb = sampler?.Sample() ?? 0;
        bool? restarted = app?.HasExited;
        bool healthy = await HealthyAsync(url, cancel);
        return (Summarize(clients, outcome, warmMb, endMb, sampler?.PeakMb ?? 0, restarted, healthy), outcome);
    }

    /// <summary>The figures of one run: rates over the counted seconds, nearest-rank percentiles, memory growth after
    /// warm-up, the malformed requests' counts and the app's state.</summary>
    public static ServeBenchResult Summarize(int clients, LoadOutcome outcome, double rssWarmupMb, double rssEndMb, double rssPeakMb,
        bool? appRestarted, bool appHealthy)
    {
        var sorted = outcome.Samples.SortedLatencies();
        double rate = outcome.Seconds > 0 ? sorted.Count / outcome.Seconds : 0;
        double growth = rssWarmupMb > 0 ? (rssEndMb - rssWarmupMb) / rssWarmupMb * 100 : 0;
        var malformed = outcome.Malformed;
        return new ServeBenchResult(clients, R(outcome.Seconds), sorted.Count, R(rate), R(rate),
            R(LatencyPercentiles.Of(sorted, 50)), R(LatencyPercentiles.Of(sorted, 95)), R(LatencyPercentiles.Of(sorted, 99)),
            R(sorted.Count > 0 ? sorted[^1] : 0), outcome.Samples.Errors, R(rssWarmupMb), R(rssEndMb), R(Math.Max(rssPeakMb, Math.Max(rssWarmupMb, rssEndMb))), R(growth),
            malformed.Sent, malformed.AsExpected, malformed.Mismatches, appRestarted, appHealthy);
    }

    /// <summary>The result as one line of JSON.</summary>
    public static string JsonLine(ServeBenchResult result) => JsonSerializer.Serialize(result, JsonOptions);

    /// <summary>Whether <c>GET /healthz</c> answers 200 within ten seconds.</summary>
    public static async Task<bool> HealthyAsync(Uri url, CancellationToken cancel = default)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync("healthz", cancel);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    private static double R(double value) => BenchmarkStatistics.Round(value);
}
