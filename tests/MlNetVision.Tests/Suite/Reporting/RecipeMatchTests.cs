using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting;

public class RecipeMatchTests
{
    private static readonly string[] Cifar = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private static RunReport Seed(int epochs = 10, int? limitTrain = null, int validation = 0, string[]? classes = null)
    {
        var r = HandMadeReports.Create("simple-cnn", 0.7, seedAccuracy: 0.7145);
        return r with
        {
            Config = r.Config with { Trainer = r.Config.Trainer with { Epochs = epochs }, LimitTrain = limitTrain },
            Dataset = r.Dataset with { TrainCount = limitTrain ?? 50_000, ValidationCount = validation },
            Metrics = r.Metrics with { Classes = classes ?? Cifar },
            Reference = r.Reference! with { Recipe = new ReferenceRecipe(10, 32, Cifar) },
        };
    }

    [Fact]
    public void AccuracyCell_FullRecipe_IsThePublishedFigure() => Assert.Equal("0.7145", RecipeMatch.AccuracyCell(Seed()));

    [Fact]
    public void AccuracyCell_OneEpochOn3000Images_SaysWhatDiffersInsteadOfTheFigure()
    {
        var cell = RecipeMatch.AccuracyCell(Seed(epochs: 1, limitTrain: 3000));

        Assert.Equal("not comparable: 1 epoch, not 10; 3,000 training images, not all", cell);
        Assert.DoesNotContain("0.7145", cell);
    }

    [Fact]
    public void Differences_OtherClassesOrValidationHeldOut_AreNamed()
    {
        Assert.Contains("another data set", RecipeMatch.Differences(Seed(classes: ["bag", "coat"]))[0]);
        Assert.Equal(["5,000 training images held out for validation"], RecipeMatch.Differences(Seed(validation: 5000)));
    }

    [Fact]
    public void ComparisonTable_RunOfPartOfTheRecipe_HasNoSeedFigureInItsRow()
    {
        var table = ComparisonTable.Render([("quick", Seed(epochs: 1, limitTrain: 3000))]);

        Assert.Contains("| not comparable: 1 epoch, not 10; 3,000 training images, not all | – |", table);
        Assert.DoesNotContain("0.7145", table);
    }

    [Theory]
    [InlineData(0.35, "0.35 s")]
    [InlineData(4.2, "4.2 s")]
    [InlineData(100, "100 s")]
    [InlineData(1.584, "1.6 s")]
    [InlineData(204, "3.4 min")]
    [InlineData(7200, "2.0 h")]
    public void Durations_Format_PicksAReadableUnit(double seconds, string expected) => Assert.Equal(expected, Durations.Format(seconds));

    [Fact]
    public void Durations_FormatSpread_UsesTheMeansUnitForBoth() => Assert.Equal("5.0 ± 1.5 min", Durations.FormatSpread(300, 89));
}

public class TimeAxisTests
{
    [Theory]
    [InlineData(1.584, "training time (seconds, log scale)")]
    [InlineData(300, "training time (minutes, log scale)")]
    [InlineData(20_000, "training time (hours, log scale)")]
    public void AccuracyVsTimePlot_AxisUnitFitsTheLongestRun(double seconds, string title)
    {
        var plot = MlNetVision.Suite.Reporting.Plots.AccuracyVsTimePlot.Build([("run", HandMadeReports.Create("run", 0.8, trainSeconds: seconds))]);

        Assert.Equal(title, plot.Axes.Single(a => a.Position == OxyPlot.Axes.AxisPosition.Bottom).Title);
        Assert.Equal(seconds / MlNetVision.Suite.Reporting.Durations.UnitFor(seconds).Seconds,
            ((OxyPlot.Series.ScatterSeries)plot.Series[0]).Points[0].X, 9);
    }

    [Fact]
    public void SummaryMarkdown_TrainingTime_IsInAReadableUnit() =>
        Assert.Contains("2 epochs in 4.5 min", SummaryMarkdown.Render(HandMadeReports.Create("run", 0.8, trainSeconds: 270)));
}
