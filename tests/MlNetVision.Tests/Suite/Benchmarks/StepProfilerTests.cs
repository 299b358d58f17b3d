using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class StepProfilerTests
{
    [Fact]
    public void Run_TinySimpleCnn_PartsAddUpToTheStep()
    {
        var profile = StepProfiler.Run(new BenchmarkCase("simple_cnn", 32, Batch: 4, Steps: 1, Warmup: 0));

        double[] parts = [profile.DataMsMedian, profile.ForwardMsMedian, profile.LossMsMedian, profile.BackwardMsMedian, profile.OptimizerMsMedian, profile.OtherMsMedian];
        Assert.All(parts, p => Assert.True(p >= 0));
        Assert.True(profile.ForwardMsMedian > 0 && profile.BackwardMsMedian > 0);
        Assert.Equal(profile.StepMsMedian, parts.Sum(), 0.05);
    }
}
