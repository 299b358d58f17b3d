using MlNetVision.Training.Optimizers;

namespace MlNetVision.Tests.Training.Optimizers;

public class AdamCoefficientsTests
{
    [Fact]
    public void At_FirstStepOfAdam_CorrectsBiasAndAddsDecayToGradient()
    {
        var c = AdamCoefficients.At(1, 0.01, 0.9, 0.999, 1e-8, 5e-4, decoupled: false);

        Assert.Equal(0.01f / 0.1f, c.StepSize, 5);
        Assert.Equal(MathF.Sqrt(0.001f), c.SqrtBiasCorrection2, 6);
        Assert.Equal(5e-4f, c.L2);
        Assert.Equal(1f, c.Decay);
        Assert.Equal(0.1f, c.OneMinusBeta1);
    }

    [Fact]
    public void At_AdamW_ShrinksParameterInsteadOfGradient()
    {
        var c = AdamCoefficients.At(1000, 0.01, 0.9, 0.999, 1e-8, 0.05, decoupled: true);

        Assert.Equal(0f, c.L2);
        Assert.Equal(1 - 0.01f * 0.05f, c.Decay, 7);
        Assert.Equal(0.01f, c.StepSize, 6);                     // 0.9^1000 ≈ 0: no correction left
    }
}
