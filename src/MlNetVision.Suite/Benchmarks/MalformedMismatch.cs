namespace MlNetVision.Suite.Benchmarks;

/// <summary>A malformed request that did not get the status it must get.</summary>
/// <param name="Kind">The <see cref="MalformedRequest.Name"/>.</param>
/// <param name="Expected">The status it must get.</param>
/// <param name="Got">The status it got, or the exception's type name when it got no answer.</param>
/// <param name="Body">The start of the answer's body, or the exception's message.</param>
public sealed record MalformedMismatch(string Kind, int Expected, string Got, string Body)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: expected {Expected}, got {Got}: {Body}";
}
