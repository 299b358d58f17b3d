using MlNetVision.Data;
using MlNetVision.Training;

namespace MlNetVision.Tests.Training;

public class NormalizationStatisticsTests
{
    [Fact]
    public void Measure_KnownPixels_GivesPerChannelMeanAndStd()
    {
        // two 1x2 images; R: 0, 255 | 0, 255 → mean 0.5, std 0.5; G: all 51 → 0.2, std ~0; B: 255, 255, 0, 0 → 0.5, 0.5
        var pixels = new byte[] { 0, 255, 51, 51, 255, 255, 0, 255, 51, 51, 0, 0 };
        var set = new ImageSet("known", pixels, [0, 1], ["a", "b"], 1, 2);

        var measured = NormalizationStatistics.Measure(set);

        Assert.Equal([0.5f, 0.2f, 0.5f], measured.Mean.Select(m => MathF.Round(m, 4)).ToArray());
        Assert.Equal(0.5f, measured.Std[0], 4);
        Assert.Equal(1e-3f, measured.Std[1], 6);   // a constant channel is floored, never divided by zero
        Assert.Equal(0.5f, measured.Std[2], 4);
    }
}
