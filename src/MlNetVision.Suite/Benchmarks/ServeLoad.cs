using System.Diagnostics;
using System.Net.Http.Headers;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Concurrent clients that each post one image per request to <c>POST /predict</c> (field <c>image</c>), in turn
/// through <see cref="Images"/>, over one shared <see cref="SocketsHttpHandler"/>: first for a warm-up that is not
/// counted, then for the counted time.
/// </summary>
public sealed class ServeLoad(Uri baseUrl, IReadOnlyList<LoadImage> images, int clients)
{
    /// <summary>The images posted, in turn.</summary>
    public IReadOnlyList<LoadImage> Images { get; } = images.Count > 0 ? images : throw new ArgumentException("no images to post", nameof(images));

    /// <summary>
    /// Runs the clients for <paramref name="warmup"/> then <paramref name="counted"/>; calls <paramref name="warmedUp"/>
    /// once when the warm-up ends. A request counts when it starts after the warm-up; the last ones may end after the
    /// counted time, which the measured seconds include.
    /// </summary>
    public async Task<LoadOutcome> RunAsync(TimeSpan warmup, TimeSpan counted, Action? warmedUp = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        var samples = new LoadSamples();
        var clock = Stopwatch.StartNew();
        var countFrom = warmup;
        var stopAt = warmup + counted;
        long next = -1;
        var warmupTimer = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancel);
            warmedUp?.Invoke();
        }, cancel);
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < stopAt && !cancel.IsCancellationRequested)
            {
                var image = Images[(int)(Interlocked.Increment(ref next) % Images.Count)];
                bool counts = clock.Elapsed >= countFrom;
                var (milliseconds, status, error) = await PostAsync(http, image, cancel);
                if (counts) samples.Add(milliseconds, status, error);
            }
        }, cancel)).ToList();
        await Task.WhenAll(workers);
        await warmupTimer;
        return new LoadOutcome(samples, (clock.Elapsed - countFrom).TotalSeconds);
    }

    private static async Task<(double Milliseconds, string Status, string? Error)> PostAsync(HttpClient http, LoadImage image, CancellationToken cancel)
    {
        var part = new ByteArrayContent(image.Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(image.ContentType);
        using var content = new MultipartFormDataContent { { part, "image", image.Name } };
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsync("predict", content, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            watch.Stop();
            int code = (int)response.StatusCode;
            return (watch.Elapsed.TotalMilliseconds, code.ToString(System.Globalization.CultureInfo.InvariantCulture),
                response.IsSuccessStatusCode ? null : $"{code}: {Shorten(body)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancel.IsCancellationRequested)
        {
            watch.Stop();
            return (watch.Elapsed.TotalMilliseconds, e.GetType().Name, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
