using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Experiments.Commands;

/// <summary>The part of the serving app's <c>GET /model</c> answer that <c>serve-bench</c> reads.</summary>
/// <param name="InputSize">The side the zip resizes images to.</param>
/// <param name="Limits">The app's upload and pixel limits (null from an app that does not report them).</param>
internal sealed record ModelSummary(int InputSize, ServingLimits? Limits);
