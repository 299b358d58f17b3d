namespace MlNetVision.Suite.Benchmarks;

/// <summary>The result of <see cref="ServeLoad.RunAsync"/>: the counted good requests, the counted time, and the
/// answers to the malformed requests (all of them, warm-up included; never in the counted figures).</summary>
/// <param name="Samples">Good requests started after warm-up.</param>
/// <param name="Seconds">From the end of warm-up until the last client stopped sending good requests.</param>
/// <param name="Malformed">Every malformed request sent.</param>
public sealed record LoadOutcome(LoadSamples Samples, double Seconds, MalformedSamples Malformed);
