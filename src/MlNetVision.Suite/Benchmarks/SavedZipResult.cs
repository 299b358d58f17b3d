namespace MlNetVision.Suite.Benchmarks;

/// <summary>What <c>bench --zip</c> measured (see <see cref="SavedZipBenchmark"/>).</summary>
/// <param name="Zip">The zip's full path.</param>
/// <param name="Model">The network's registered name, from the zip's metadata.</param>
/// <param name="InputSize">The pipeline's input side in pixels, from the metadata.</param>
/// <param name="Images">Distinct image files scored.</param>
/// <param name="Rows">Rows per pass (the images in turn).</param>
/// <param name="ImagesPerSecond">Rows ÷ the timed passes' seconds, fastest threading.</param>
/// <param name="MsPerImageMedian">Median pass time ÷ rows, ms.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads of the fastest threading.</param>
/// <param name="Cursors">Parallel cursors of the fastest threading.</param>
public sealed record SavedZipResult(string Zip, string Model, int InputSize, int Images, int Rows, double ImagesPerSecond,
    double MsPerImageMedian, int IntraOpThreads, int Cursors);
