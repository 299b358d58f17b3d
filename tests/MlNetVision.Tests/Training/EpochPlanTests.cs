using MlNetVision.Infrastructure;
using MlNetVision.Training;

namespace MlNetVision.Tests.Training;

public class EpochPlanTests
{
    [Fact]
    public void Constructor_AirbenchNinePointNineEpochsOfFullBatches_Takes476Steps()
    {
        var plan = new EpochPlan(50_000, 1024, epochs: 10, dropLastBatch: true, finalEpochFraction: 0.9);

        Assert.Equal(48, plan.StepsPerEpoch);
        Assert.Equal(44, plan.StepsInFinalEpoch);   // ⌈48 · 0.9⌉
        Assert.Equal(476, plan.TotalSteps);          // airbench94's ⌈48 · 9.9⌉
        Assert.Equal(48, plan.StepsIn(9));
        Assert.Equal(44, plan.StepsIn(10));
        Assert.Equal(1024, plan.RowsIn(47));
        Assert.Equal(48 * 1024, plan.RowsInEpoch(1));
        Assert.Equal(44 * 1024, plan.RowsInEpoch(10));
    }

    [Fact]
    public void Constructor_KeepLastBatch_LastStepReadsTheRemainder()
    {
        var plan = new EpochPlan(50_000, 1024, epochs: 10);

        Assert.Equal(49, plan.StepsPerEpoch);
        Assert.Equal(490, plan.TotalSteps);
        Assert.Equal(1024, plan.RowsIn(0));
        Assert.Equal(848, plan.RowsIn(48));
        Assert.Equal(50_000, plan.RowsInEpoch(10));
    }

    [Fact]
    public void Constructor_FractionLandingOnAWholeStep_IsNotRoundedUpByFloatError()
    {
        var plan = new EpochPlan(100, 10, epochs: 2, finalEpochFraction: 0.3);   // 10 · 0.3 = 3.0000000000000004

        Assert.Equal(3, plan.StepsInFinalEpoch);
        Assert.Equal(13, plan.TotalSteps);
    }

    [Fact]
    public void Constructor_TinyFraction_StillTakesOneStep()
    {
        Assert.Equal(1, new EpochPlan(100, 10, epochs: 1, finalEpochFraction: 0.01).TotalSteps);
    }

    [Fact]
    public void Constructor_DropLastWithFewerRowsThanABatch_ThrowsNamingBoth()
    {
        var error = Assert.Throws<MlNetVisionException>(() => new EpochPlan(500, 1024, epochs: 1, dropLastBatch: true));

        Assert.Contains("500 training rows", error.Message);
        Assert.Contains("1024", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_FinalEpochFractionOutsideZeroToOne_NamesTheOption(double fraction)
    {
        var error = Assert.Throws<ArgumentException>(() => new TorchImageClassifierOptions { FinalEpochFraction = fraction }.Validate());

        Assert.Contains(nameof(TorchImageClassifierOptions.FinalEpochFraction), error.Message);
    }
}
