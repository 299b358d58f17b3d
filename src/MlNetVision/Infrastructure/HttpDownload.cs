namespace MlNetVision.Infrastructure;

/// <summary>Streams an HTTP download into a file, reporting (bytes so far, total bytes when known).</summary>
internal static class HttpDownload
{
    /// <summary>
    /// Downloads <paramref name="uri"/> into <paramref name="target"/>. Network and disk failures (unless
    /// <paramref name="cancellation"/> was requested) go through <paramref name="onFailure"/>, which turns the
    /// cause into the caller's clear error.
    /// </summary>
    public static async Task ToFileAsync(HttpClient http, Uri uri, string target, IProgress<(long Done, long? Total)>? progress,
        Func<Exception, Exception> onFailure, CancellationToken cancellation)
    {
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellation);
            response.EnsureSuccessStatusCode();
            long? total = response.Content.Headers.ContentLength;
            await using var source = await response.Content.ReadAsStreamAsync(cancellation);
            await using var file = File.Create(target);
            var buffer = new byte[1 << 16];
            long done = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellation)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
                done += read;
                progress?.Report((done, total));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellation.IsCancellationRequested)
        {
            throw onFailure(e);
        }
    }
}
