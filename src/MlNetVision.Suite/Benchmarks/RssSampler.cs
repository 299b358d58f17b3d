namespace MlNetVision.Suite.Benchmarks;

/// <summary>Samples a process's resident memory once per <see cref="Interval"/> on a background task and keeps the peak.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly int pid;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly object gate = new();
    private double peak;

    /// <summary>Starts sampling process <paramref name="pid"/>.</summary>
    public RssSampler(int pid, TimeSpan? interval = null)
    {
        this.pid = pid;
        Interval = interval ?? TimeSpan.FromSeconds(1);
        loop = Task.Run(LoopAsync);
    }

    /// <summary>The time between samples.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The largest sample so far, MB (0 before any).</summary>
    public double PeakMb
    {
        get { lock (gate) return peak; }
    }

    /// <summary>Takes a sample now (also counted for the peak), MB; 0 when the process cannot be read.</summary>
    public double Sample()
    {
        double mb = ResidentMemory.Megabytes(pid) ?? 0;
        lock (gate) peak = Math.Max(peak, mb);
        return mb;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        Sample();
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token)) Sample();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops sampling.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
