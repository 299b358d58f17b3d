using System.Globalization;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>The answers to a load run's malformed requests: counts per kind and a few mismatches (thread-safe).</summary>
public sealed class MalformedSamples
{
    /// <summary>How many mismatches are kept as examples (the first of each kind and answer).</summary>
    public const int MaxMismatchExamples = 5;

    private readonly object gate = new();
    private readonly Dictionary<string, (long Sent, long AsExpected)> kinds = [];
    private readonly List<MalformedMismatch> examples = [];

    /// <summary>Malformed requests sent (and answered, or failed).</summary>
    public long Sent { get; private set; }

    /// <summary>Those answered with their expected status.</summary>
    public long AsExpected { get; private set; }

    /// <summary>Those answered with another status, or with no answer.</summary>
    public long Mismatches
    {
        get { lock (gate) return Sent - AsExpected; }
    }

    /// <summary>Records the answer to <paramref name="request"/>: <paramref name="got"/> is the status code, or the
    /// exception's type name; <paramref name="body"/> the start of the body, or the exception's message.</summary>
    public void Add(MalformedRequest request, string got, string body)
    {
        bool expected = got == request.ExpectedStatus.ToString(CultureInfo.InvariantCulture);
        lock (gate)
        {
            Sent++;
            var (sent, asExpected) = kinds.GetValueOrDefault(request.Name);
            kinds[request.Name] = (sent + 1, asExpected + (expected ? 1 : 0));
            if (expected)
            {
                AsExpected++;
                return;
            }
            if (examples.Count < MaxMismatchExamples && !examples.Any(e => e.Kind == request.Name && e.Got == got))
                examples.Add(new MalformedMismatch(request.Name, request.ExpectedStatus, got, body));
        }
    }

    /// <summary>The counts per kind, by kind name.</summary>
    public IReadOnlyList<MalformedKindCount> ByKind()
    {
        lock (gate) return kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new MalformedKindCount(k.Key, k.Value.Sent, k.Value.AsExpected)).ToList();
    }

    /// <summary>Up to <see cref="MaxMismatchExamples"/> mismatches, one per kind and answer, in the order they came.</summary>
    public IReadOnlyList<MalformedMismatch> MismatchExamples()
    {
        lock (gate) return examples.ToList();
    }
}
