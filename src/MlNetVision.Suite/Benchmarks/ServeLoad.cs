using System.Diagnostics;
using System.Globalization;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Concurrent clients that each post one request at a time to <c>POST /predict</c>, taking them in turn from
/// <see cref="Requests"/> (good images in field <c>image</c>, malformed requests interleaved), over one shared
/// <see cref="SocketsHttpHandler"/>: first for a warm-up that is not counted, then for the counted time. Only good
/// requests enter the counted figures; every malformed one is checked against its expected status.
/// </summary>
public sealed class ServeLoad(Uri baseUrl, InterleavedRequests requests, int clients)
{
    /// <summary>The path every request is posted to, relative to the app's base address.</summary>
    public const string PredictPath = "predict";

    /// <summary>The requests, in the order the clients take them.</summary>
    public InterleavedRequests Requests { get; } = requests;

    /// <summary>
    /// Runs the clients for <paramref name="warmup"/> then <paramref name="counted"/>; calls <paramref name="warmedUp"/>
    /// once when the warm-up ends. A good request counts when it starts after the warm-up; the last ones may end after
    /// the counted time, which the measured seconds include. Malformed requests the time left untaken are then sent
    /// by the same clients, outside the measured seconds, so that all of them are sent.
    /// </summary>
    public async Task<LoadOutcome> RunAsync(TimeSpan warmup, TimeSpan counted, Action? warmedUp = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        var samples = new LoadSamples();
        var malformed = new MalformedSamples();
        var clock = Stopwatch.StartNew();
        var countFrom = warmup;
        var stopAt = warmup + counted;
        var warmupTimer = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancel);
            warmedUp?.Invoke();
        }, cancel);
        await Clients(async () =>
        {
            while (clock.Elapsed < stopAt && !cancel.IsCancellationRequested)
            {
                var (image, bad) = Requests.Next();
                if (bad is not null)
                {
                    await SendMalformedAsync(http, bad, malformed, cancel);
                    continue;
                }
                bool counts = clock.Elapsed >= countFrom;
                var answer = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, PredictPath) { Content = image!.ToUpload() }, cancel);
                if (counts) samples.Add(answer.Milliseconds, answer.Status, answer.Success ? null : $"{answer.Status}: {answer.Body}");
            }
        });
        await warmupTimer;
        double seconds = (clock.Elapsed - countFrom).TotalSeconds;
        await Clients(async () =>
        {
            while (!cancel.IsCancellationRequested && Requests.NextMalformed() is { } bad) await SendMalformedAsync(http, bad, malformed, cancel);
        });
        return new LoadOutcome(samples, seconds, malformed);

        Task Clients(Func<Task> client) => Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(client, cancel)));
    }

    private static async Task SendMalformedAsync(HttpClient http, MalformedRequest request, MalformedSamples malformed, CancellationToken cancel)
    {
        var answer = await SendAsync(http, request.ToRequest(), cancel);
        malformed.Add(request, answer.Status, answer.Body);
    }

    /// <summary>Sends <paramref name="request"/> (and disposes it and its body): the latency, the status code (or the
    /// exception's type name), whether it was a 2xx, and the start of the body (or the exception's message).</summary>
    private static async Task<(double Milliseconds, string Status, bool Success, string Body)> SendAsync(HttpClient http, HttpRequestMessage request,
        CancellationToken cancel)
    {
        using var _ = request;
        using var content = request.Content;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            watch.Stop();
            return (watch.Elapsed.TotalMilliseconds, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), response.IsSuccessStatusCode, Shorten(body));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancel.IsCancellationRequested)
        {
            watch.Stop();
            return (watch.Elapsed.TotalMilliseconds, e.GetType().Name, false, Shorten(e.Message));
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
