using MlNetVision.Training;

namespace MlNetVision.Tests.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void At_Constant_IsBaseRate()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Constant, 0.1, 100, 0);

        Assert.Equal(0.1, schedule.At(0));
        Assert.Equal(0.1, schedule.At(99));
    }

    [Fact]
    public void At_CosineWithWarmup_RisesThenDecaysToZero()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1.0, 110, 10.0 / 110);

        Assert.Equal(0.1, schedule.At(0), 12);
        Assert.Equal(1.0, schedule.At(9), 12);
        Assert.Equal(1.0, schedule.At(10), 12);
        Assert.Equal(0.5, schedule.At(60), 12);
        Assert.True(schedule.At(109) < 0.001);
    }

    [Fact]
    public void At_OneCycle_PeaksAtThirtyPercent()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.OneCycle, 2.0, 100, 0);

        Assert.True(schedule.At(10) < schedule.At(29));
        Assert.Equal(2.0, schedule.At(29), 12);
        Assert.True(schedule.At(99) < 0.01);
    }

    [Fact]
    public void At_Linear_RampsFromStartFactorToPeakThenToEndFactor()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Linear, 2.0, 101, 0.2, startFactor: 0.2, endFactor: 0.07);

        Assert.Equal(0.4, schedule.At(0), 12);          // 0.2 x base
        Assert.Equal(2.0, schedule.At(20), 12);         // peak at the end of the 20-step warm-up
        Assert.Equal(2.0 * (1 + (0.07 - 1) * 0.5), schedule.At(60), 12);
        Assert.Equal(0.14, schedule.At(100), 2);        // 0.07 x base at the last step
    }
}
