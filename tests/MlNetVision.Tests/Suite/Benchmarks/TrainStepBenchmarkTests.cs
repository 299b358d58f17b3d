using MlNetVision.Suite.Benchmarks;
using MlNetVision.Models;

namespace MlNetVision.Tests.Suite.Benchmarks;

[Trait("Category", "Slow")]
public class TrainStepBenchmarkTests
{
    [Fact]
    public void Run_TinySimpleCnn_EveryRateIsPositive()
    {
        var result = TrainStepBenchmark.Run(new BenchmarkCase("simple_cnn", 32, Batch: 4, Steps: 1, Warmup: 0));

        Assert.Equal("simple_cnn", result.Model);
        Assert.True(result.TrainImagesPerS > 0);
        Assert.True(result.EvalImagesPerS > 0);
        Assert.True(result.ZipEvalImagesPerS > 0);
        Assert.True(result.TrainStepMsMedian > 0 && result.EvalStepMsMedian > 0 && result.ZipEvalStepMsMedian > 0);
        Assert.True(result.ZipIntraOpThreads >= 1);
        Assert.True(result.ZipCursors >= 1);
        Assert.Equal(545_098, result.Params);
        Assert.True(double.IsFinite(result.FinalLoss));
    }

    [Fact]
    public void Input_ChannelsLastBf16_NormalisedBatchInThatForm()
    {
        using var x = TrainStepBenchmark.Input(new BenchmarkCase("simple_cnn", 8, Batch: 2, ChannelsLast: true, Bf16: true));

        Assert.Equal([2L, 3, 8, 8], x.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.BFloat16, x.dtype);
        Assert.True(MemoryLayout.IsChannelsLast(x));
        using var values = x.to_type(TorchSharp.torch.ScalarType.Float32);
        Assert.True(values.min().item<float>() >= -1 && values.max().item<float>() <= 1);
    }
}
