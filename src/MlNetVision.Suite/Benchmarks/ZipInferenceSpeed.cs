namespace MlNetVision.Suite.Benchmarks;

/// <summary>Zip inference speed with the threading that gave it.</summary>
/// <param name="ImagesPerSecond">Images per second over the timed passes.</param>
/// <param name="StepMsMedian">Median time per <see cref="BenchmarkCase.Batch"/> images, ms (a pass's time over its batches).</param>
/// <param name="Threading">Intra-op threads and parallel cursors.</param>
public sealed record ZipInferenceSpeed(double ImagesPerSecond, double StepMsMedian, ZipThreading Threading);
