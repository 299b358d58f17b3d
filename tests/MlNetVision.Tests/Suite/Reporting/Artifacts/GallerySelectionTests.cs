using MlNetVision.Suite.Reporting.Artifacts;

namespace MlNetVision.Tests.Suite.Reporting.Artifacts;

public class GallerySelectionTests
{
    private static PredictionItem Item(int i, int label, int predicted, double confidence) =>
        new(i, $"x#{i}", label, [[predicted, confidence], [(predicted + 1) % 3, 0.01]]);

    [Fact]
    public void From_MistakesMostConfidentFirstTiesByIndex_CorrectTopPerClass()
    {
        var items = new List<PredictionItem>
        {
            Item(0, 0, 1, 0.5), Item(1, 0, 0, 0.9), Item(2, 0, 0, 0.7), Item(3, 1, 2, 0.8),
            Item(4, 1, 1, 0.6), Item(5, 2, 0, 0.5), Item(6, 0, 0, 0.95), Item(7, 0, 0, 0.2),
        };
        var predictions = new PredictionsFile(1, ["a", "b", "c"], items);

        var selection = GallerySelection.From(predictions, mistakes: 2, correctPerClass: 2);

        Assert.Equal([3, 0], selection.Mistakes);              // 0.8, then 0.5 (index 0 before index 5)
        Assert.Equal([6, 1, 4], selection.Correct);            // class 0: 0.95, 0.9; class 1: 0.6; class 2: none right
        Assert.Equal([3, 0, 6, 1, 4], selection.All);
    }

    [Fact]
    public void From_NoMistakes_OnlyCorrect()
    {
        var predictions = new PredictionsFile(1, ["a", "b", "c"], [Item(0, 0, 0, 0.9), Item(1, 1, 1, 0.4)]);

        var selection = GallerySelection.From(predictions);

        Assert.Empty(selection.Mistakes);
        Assert.Equal([0, 1], selection.Correct);
    }
}
