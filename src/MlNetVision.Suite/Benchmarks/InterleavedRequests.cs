namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// The order of a load run's requests, shared by its clients (thread-safe): the good images in turn, with
/// <see cref="Malformed"/> malformed requests interleaved — good, malformed, good, malformed, … until all are taken,
/// their kinds in turn (so every kind is sent once <see cref="Malformed"/> reaches the number of kinds) — then good
/// ones only. Malformed requests the run's time left untaken come from <see cref="NextMalformed"/> afterwards.
/// </summary>
public sealed class InterleavedRequests
{
    private readonly object gate = new();
    private readonly IReadOnlyList<LoadImage> images;
    private readonly IReadOnlyList<MalformedRequest> kinds;
    private long good;
    private long taken;
    private bool malformedTurn;

    /// <summary>Good <paramref name="images"/> with <paramref name="malformed"/> requests of <paramref name="kinds"/> interleaved.</summary>
    public InterleavedRequests(IReadOnlyList<LoadImage> images, IReadOnlyList<MalformedRequest> kinds, int malformed)
    {
        if (images.Count == 0) throw new ArgumentException("no images to post", nameof(images));
        ArgumentOutOfRangeException.ThrowIfNegative(malformed);
        if (malformed > 0 && kinds.Count == 0) throw new ArgumentException("malformed requests without kinds", nameof(kinds));
        this.images = images;
        this.kinds = kinds;
        Malformed = malformed;
    }

    /// <summary>Good images only.</summary>
    public InterleavedRequests(IReadOnlyList<LoadImage> images) : this(images, [], 0) { }

    /// <summary>How many malformed requests the run sends in all.</summary>
    public int Malformed { get; }

    /// <summary>The next request: a good image (<c>Malformed</c> null) or, every other time until all are taken, a
    /// malformed one (<c>Image</c> null).</summary>
    public (LoadImage? Image, MalformedRequest? Malformed) Next()
    {
        lock (gate)
        {
            if (malformedTurn && TakeMalformed() is { } malformed)
            {
                malformedTurn = false;
                return (null, malformed);
            }
            malformedTurn = true;
            return (images[(int)(good++ % images.Count)], null);
        }
    }

    /// <summary>The next malformed request regardless of turn, or null when all <see cref="Malformed"/> are taken.</summary>
    public MalformedRequest? NextMalformed()
    {
        lock (gate) return TakeMalformed();
    }

    private MalformedRequest? TakeMalformed() => taken < Malformed ? kinds[(int)(taken++ % kinds.Count)] : null;
}
