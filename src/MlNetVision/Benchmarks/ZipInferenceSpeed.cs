namespace MlNetVision.Benchmarks;

/// <summary>Zip inference speed: images per second, the median batch in ms, ONNX Runtime's intra-op threads.</summary>
/// <param name="ImagesPerSecond">Images per second over the timed batches.</param>
/// <param name="StepMsMedian">Median batch, ms.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads.</param>
public sealed record ZipInferenceSpeed(double ImagesPerSecond, double StepMsMedian, int IntraOpThreads);
