using System.Threading;

namespace MlNetVision.Suite.Reporting.TensorBoard;

/// <summary>
/// Writes a TensorBoard event file (<c>events.out.tfevents.&lt;time&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;</c>) of scalars and histograms into a
/// folder: each event is framed (<see cref="TfRecord"/>) and flushed at once, so <c>tensorboard --logdir</c> shows a run
/// while it trains. Thread-safe. Written by hand rather than with TorchSharp's <c>SummaryWriter</c>, whose wall times are
/// not seconds since 1970 (its default is 0) and lose precision as a float.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private static int _files;
    private readonly FileStream _stream;
    private readonly Lock _lock = new();

    /// <summary>Creates <paramref name="directory"/> if needed and a new event file in it.</summary>
    public TensorBoardWriter(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        Directory = Path.GetFullPath(directory);
        var name = $"events.out.tfevents.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref _files)}";
        FilePath = Path.Combine(Directory, name);
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        Write(EventProto.FileVersion(Now()));
    }

    /// <summary>The folder written to.</summary>
    public string Directory { get; }

    /// <summary>The event file.</summary>
    public string FilePath { get; }

    /// <summary>Adds the scalar <paramref name="value"/> of <paramref name="tag"/> at <paramref name="step"/> (stored as a float, as TensorBoard's are).</summary>
    public void AddScalar(string tag, double value, long step) => Write(EventProto.Scalar(Now(), step, tag, (float)value));

    /// <summary>Adds a histogram of <paramref name="tag"/> at <paramref name="step"/>: buckets named by their right edges
    /// (<paramref name="bucketLimits"/>, ascending) with their counts.</summary>
    public void AddHistogram(string tag, long step, double min, double max, double count, double sum, double sumSquares,
        IReadOnlyList<double> bucketLimits, IReadOnlyList<double> bucketCounts)
    {
        if (bucketLimits.Count != bucketCounts.Count)
            throw new ArgumentException($"{bucketLimits.Count} bucket limits for {bucketCounts.Count} counts.", nameof(bucketCounts));
        Write(EventProto.Histogram(Now(), step, tag, min, max, count, sum, sumSquares, bucketLimits, bucketCounts));
    }

    private void Write(byte[] record)
    {
        lock (_lock)
        {
            TfRecord.Write(_stream, record);
            _stream.Flush();
        }
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock) _stream.Dispose();
    }
}
