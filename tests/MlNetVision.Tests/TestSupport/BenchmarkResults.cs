using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Hand-made benchmark results for the ratio and JSON tests.</summary>
internal static class BenchmarkResults
{
    /// <summary>A resnet18 @ 224 result with the given images per second.</summary>
    public static BenchmarkResult ResNet18(double train, double eval, double? zip) => new()
    {
        Model = "resnet18", ImageSize = 224, Batch = 64, Threads = 2, TrainImagesPerS = train, EvalImagesPerS = eval, ZipEvalImagesPerS = zip,
        TrainStepMsMedian = 1, EvalStepMsMedian = 1, Steps = 3, Warmup = 1, ChannelsLast = false, Bf16 = false, Params = 11181642, FinalLoss = 2.3,
    };
}
