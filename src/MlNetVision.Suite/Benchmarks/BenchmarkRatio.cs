namespace MlNetVision.Suite.Benchmarks;

/// <summary>Ours over the peer for one case: above 1, MlNetVision is faster.</summary>
public sealed record BenchmarkRatio
{
    /// <summary>The kind of line: <c>ratio</c>.</summary>
    public string Mode => "ratio";

    /// <summary>Registered model name (ours).</summary>
    public required string Model { get; init; }

    /// <summary>Input side.</summary>
    public required int ImageSize { get; init; }

    /// <summary>Our training images/s over the peer's.</summary>
    public double? TrainRatio { get; init; }

    /// <summary>Our TorchSharp inference images/s over the peer's.</summary>
    public double? EvalRatio { get; init; }

    /// <summary>Our zip (ML.NET + ONNX Runtime) inference images/s over the peer's PyTorch inference.</summary>
    public double? ZipEvalVsPeerEvalRatio { get; init; }

    /// <summary>The ratios of <paramref name="ours"/> to <paramref name="peer"/> (null where a rate is missing or zero), to three decimals.</summary>
    public static BenchmarkRatio Compute(BenchmarkResult ours, PeerResult peer) => new()
    {
        Model = ours.Model,
        ImageSize = ours.ImageSize,
        TrainRatio = Ratio(ours.TrainImagesPerS, peer.TrainImagesPerS),
        EvalRatio = Ratio(ours.EvalImagesPerS, peer.EvalImagesPerS),
        ZipEvalVsPeerEvalRatio = Ratio(ours.ZipEvalImagesPerS, peer.EvalImagesPerS),
    };

    private static double? Ratio(double? ours, double peer) => ours is { } o && peer > 0 ? Math.Round(o / peer, 3) : null;
}
