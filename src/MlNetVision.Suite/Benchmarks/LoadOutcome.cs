namespace MlNetVision.Suite.Benchmarks;

/// <summary>The result of <see cref="ServeLoad.RunAsync"/>: the counted requests and the counted time.</summary>
/// <param name="Samples">Requests started after warm-up.</param>
/// <param name="Seconds">From the end of warm-up until the last client stopped.</param>
public sealed record LoadOutcome(LoadSamples Samples, double Seconds);
