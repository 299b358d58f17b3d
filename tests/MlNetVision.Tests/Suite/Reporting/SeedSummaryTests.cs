using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting;

public class SeedSummaryTests
{
    [Fact]
    public void Of_ThreeValues_GivesMeanAndSampleStd()
    {
        var stats = MeanStd.Of([1.0, 2.0, 3.0]);

        Assert.Equal(2.0, stats.Mean, 12);
        Assert.Equal(1.0, stats.Std, 12);
        Assert.Equal("2.0000 ± 1.0000", stats.Format());
    }

    [Fact]
    public void Format_OneValue_ShowsTheValueWithoutASpread()
    {
        Assert.Equal("0.9295", MeanStd.Of([0.9295]).Format());
    }

    [Fact]
    public void From_TwoRuns_SummarisesEveryHeadlineMetricAndClass()
    {
        var reports = new[] { HandMadeReports.Create("x", 0.6, trainSeconds: 100), HandMadeReports.Create("x", 0.8, trainSeconds: 300) };

        var summary = SeedSummary.From(reports);

        Assert.Equal(0.7, summary.Metrics["accuracy"].Mean, 12);
        Assert.Equal(200, summary.Metrics["trainSeconds"].Mean, 12);
        Assert.Equal(Math.Sqrt(0.02), summary.Metrics["accuracy"].Std, 12);
        Assert.Equal(["cat", "dog"], summary.PerClass.Select(c => c.Class));
        Assert.Contains("| accuracy | 0.7000 ± 0.1414 | 2 |", summary.Render());
        Assert.DoesNotContain("accuracyWithoutTestTimeAugmentation", summary.Metrics.Keys);
    }
}
