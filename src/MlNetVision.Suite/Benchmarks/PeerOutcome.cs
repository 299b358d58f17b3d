namespace MlNetVision.Suite.Benchmarks;

/// <summary>How one run of the PyTorch peer ended: its parsed result and line, or why it failed.</summary>
/// <param name="Result">The parsed result; null when the run failed.</param>
/// <param name="Line">The peer's JSON line as printed; null when the run failed.</param>
/// <param name="Failure">Why the run failed; null when it succeeded.</param>
/// <param name="StandardError">What the peer wrote to standard error.</param>
public sealed record PeerOutcome(PeerResult? Result, string? Line, string? Failure, string StandardError)
{
    /// <summary>A successful run.</summary>
    public static PeerOutcome Succeeded(PeerResult result, string line, string standardError) => new(result, line, null, standardError);

    /// <summary>A failed run.</summary>
    public static PeerOutcome Failed(string failure, string standardError = "") => new(null, null, failure, standardError);
}
