namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Measured speed of one case. Serialised by <see cref="BenchmarkJson"/> with the PyTorch peer's field names
/// (<c>train_images_per_s</c>, …) plus the zip-inference fields the peer has no counterpart for.
/// </summary>
public sealed record BenchmarkResult
{
    /// <summary>Who measured: <c>mlnetvision</c>.</summary>
    public string Peer => "mlnetvision";

    /// <summary>The kind of line: <c>throughput</c>.</summary>
    public string Mode => "throughput";

    /// <summary>Registered model name.</summary>
    public required string Model { get; init; }

    /// <summary>Input side.</summary>
    public required int ImageSize { get; init; }

    /// <summary>Images per step.</summary>
    public required int Batch { get; init; }

    /// <summary>libtorch intra-op threads.</summary>
    public required int Threads { get; init; }

    /// <summary>Training images per second: forward, cross-entropy, backward, Adam step (TorchSharp).</summary>
    public required double TrainImagesPerS { get; init; }

    /// <summary>Inference images per second in eval mode without gradients (TorchSharp).</summary>
    public required double EvalImagesPerS { get; init; }

    /// <summary>
    /// Inference images per second through a saved ML.NET model zip: the network exported to ONNX, run by ML.NET's
    /// ONNX transformer (ONNX Runtime) on in-memory <c>Features</c> rows, reading <c>Score</c> and <c>PredictedLabelKey</c>.
    /// Always float32 and in the zip's own layout, whatever <see cref="ChannelsLast"/> and <see cref="Bf16"/> say.
    /// </summary>
    public double? ZipEvalImagesPerS { get; init; }

    /// <summary>Median training step, ms.</summary>
    public required double TrainStepMsMedian { get; init; }

    /// <summary>Median inference step, ms.</summary>
    public required double EvalStepMsMedian { get; init; }

    /// <summary>Median zip inference time per batch of images, ms (one pass scores <see cref="Steps"/> batches in one <c>Transform</c>).</summary>
    public double? ZipEvalStepMsMedian { get; init; }

    /// <summary>ONNX Runtime intra-op threads per row of the fastest zip threading (see <see cref="ZipInferenceBenchmark.ThreadingsToTry"/>).</summary>
    public int? ZipIntraOpThreads { get; init; }

    /// <summary>ML.NET parallel cursors of the fastest zip threading, each read on its own thread.</summary>
    public int? ZipCursors { get; init; }

    /// <summary>Timed steps.</summary>
    public required int Steps { get; init; }

    /// <summary>Untimed steps first.</summary>
    public required int Warmup { get; init; }

    /// <summary>Channels-last weights and inputs.</summary>
    public required bool ChannelsLast { get; init; }

    /// <summary>bfloat16 weights and inputs (BatchNorm float32).</summary>
    public required bool Bf16 { get; init; }

    /// <summary>Trainable parameters.</summary>
    public required long Params { get; init; }

    /// <summary>Loss of the last training step (random labels: about ln(classes)).</summary>
    public required double FinalLoss { get; init; }
}
