using MlNetVision.Evaluation;

namespace MlNetVision.Tests.Evaluation;

public class ConfusionMetricsTests
{
    // true\pred   a  b  c
    //   a         3  1  0
    //   b         2  4  0
    //   c         1  1  0     class c is never predicted
    private static readonly long[][] Matrix = [[3, 1, 0], [2, 4, 0], [1, 1, 0]];

    [Fact]
    public void Constructor_HandWorkedMatrix_MatchesSklearnDefinitions()
    {
        var metrics = new ConfusionMetrics(Matrix, ["a", "b", "c"]);

        // a: P = 3/6, R = 3/4, F1 = 2·0.5·0.75/1.25 = 0.6
        // b: P = 4/6, R = 4/6, F1 = 2/3
        // c: P = 0 (never predicted), R = 0, F1 = 0
        Assert.Equal(0.5, metrics.PerClass[0].Precision, 12);
        Assert.Equal(0.75, metrics.PerClass[0].Recall, 12);
        Assert.Equal(0.6, metrics.PerClass[0].F1, 12);
        Assert.Equal(4, metrics.PerClass[0].Support);
        Assert.Equal(2.0 / 3, metrics.PerClass[1].F1, 12);
        Assert.Equal(0, metrics.PerClass[2].Precision);
        Assert.Equal(0, metrics.PerClass[2].F1);
        Assert.Equal(2, metrics.PerClass[2].Support);
        Assert.Equal((0.6 + 2.0 / 3) / 3, metrics.MacroF1, 12);
        Assert.Equal((0.6 * 4 + 2.0 / 3 * 6) / 12, metrics.WeightedF1, 12);
        Assert.Equal(7.0 / 12, metrics.Accuracy, 12);
        Assert.Equal((0.75 + 4.0 / 6 + 0) / 3, metrics.MacroRecall, 12);
    }

    [Fact]
    public void Constructor_PerfectPredictions_AllOnes()
    {
        var metrics = new ConfusionMetrics([[5, 0], [0, 3]], ["x", "y"]);

        Assert.Equal(1, metrics.MacroF1, 12);
        Assert.Equal(1, metrics.WeightedF1, 12);
        Assert.All(metrics.PerClass, m => Assert.Equal(1, m.F1, 12));
    }

    [Fact]
    public void Constructor_WrongShape_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ConfusionMetrics([[1, 2]], ["x", "y"]));
    }
}
