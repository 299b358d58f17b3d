namespace MlNetVision.Suite.Benchmarks;

/// <summary>How a zip's rows are spread over the cores.</summary>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads per session call (one call per row).</param>
/// <param name="Cursors">ML.NET parallel cursors, each read on its own thread (see <see cref="Persistence.ParallelCursors"/>).</param>
public sealed record ZipThreading(int IntraOpThreads, int Cursors);
