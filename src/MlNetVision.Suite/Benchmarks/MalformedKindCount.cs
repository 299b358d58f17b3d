namespace MlNetVision.Suite.Benchmarks;

/// <summary>How the malformed requests of one kind were answered.</summary>
/// <param name="Kind">The <see cref="MalformedRequest.Name"/>.</param>
/// <param name="Sent">Requests of this kind sent.</param>
/// <param name="AsExpected">Those answered with the kind's <see cref="MalformedRequest.ExpectedStatus"/>.</param>
public sealed record MalformedKindCount(string Kind, long Sent, long AsExpected);
