using System.Diagnostics;
using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.Suite.Benchmarks;

[Trait("Category", "Slow")]
public class StepProfilerTests
{
    [Fact]
    public void Run_TinySimpleCnn_PartsNestInsideTheStepAndTheStepInsideTheWallClock()
    {
        var wall = Stopwatch.StartNew();
        var profile = StepProfiler.Run(new BenchmarkCase("simple_cnn", 32, Batch: 4, Steps: 3, Warmup: 1));
        double wallMs = wall.Elapsed.TotalMilliseconds;

        // The clocked parts ("other" is the step minus these, so it is not checked against them).
        double[] parts = [profile.DataMsMedian, profile.ForwardMsMedian, profile.LossMsMedian, profile.BackwardMsMedian, profile.OptimizerMsMedian];
        Assert.All(parts, p => Assert.InRange(p, 0.005, profile.StepMsMedian));   // every part was timed (rounded to 0.01 ms) and fits in a step
        Assert.True(profile.StepMsMedian >= parts.Max(), $"step {profile.StepMsMedian} ms < its largest part {parts.Max()} ms");
        // Independent clock: of 3 timed steps, at least 2 take the median or longer, and all ran inside Run.
        Assert.True(2 * profile.StepMsMedian <= wallMs, $"2 × step median {profile.StepMsMedian} ms > {wallMs:0.00} ms for the whole run");
    }
}
