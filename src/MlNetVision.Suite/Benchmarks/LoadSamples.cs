namespace MlNetVision.Suite.Benchmarks;

/// <summary>The counted requests of a load run: each latency, each status code, and the errors (thread-safe).</summary>
public sealed class LoadSamples
{
    private readonly object gate = new();
    private readonly List<double> latencies = [];
    private readonly Dictionary<string, long> statuses = [];
    private readonly List<string> errorExamples = [];

    /// <summary>How many distinct error messages are kept as examples.</summary>
    public const int MaxErrorExamples = 5;

    /// <summary>Requests that got a non-2xx status or threw.</summary>
    public long Errors { get; private set; }

    /// <summary>Records one request: its latency, its status (a code, or the exception's type name) and whether it failed.</summary>
    public void Add(double milliseconds, string status, string? error)
    {
        lock (gate)
        {
            latencies.Add(milliseconds);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (error is null) return;
            Errors++;
            if (errorExamples.Count < MaxErrorExamples && !errorExamples.Contains(error)) errorExamples.Add(error);
        }
    }

    /// <summary>The latencies recorded, ascending.</summary>
    public IReadOnlyList<double> SortedLatencies()
    {
        lock (gate) return latencies.Order().ToList();
    }

    /// <summary>Requests per status, by status.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Statuses()
    {
        lock (gate) return statuses.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Up to <see cref="MaxErrorExamples"/> distinct error messages.</summary>
    public IReadOnlyList<string> ErrorExamples()
    {
        lock (gate) return errorExamples.ToList();
    }
}
