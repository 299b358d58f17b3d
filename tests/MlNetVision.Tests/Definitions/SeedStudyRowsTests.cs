using MlNetVision.Experiments.Definitions;

namespace MlNetVision.Tests.Definitions;

public class SeedStudyRowsTests
{
    [Fact]
    public void EveryRowsExperiments_AreInTheCatalog()
    {
        var names = ExperimentCatalog.All.Select(e => e.Name).ToHashSet();
        foreach (var row in SeedStudyRows.All)
        {
            Assert.True(row.SeedSettings is null || names.Contains(row.SeedSettings), $"{row.Row}: no experiment {row.SeedSettings}");
            Assert.True(row.BestCpu is null || names.Contains(row.BestCpu), $"{row.Row}: no experiment {row.BestCpu}");
        }
    }

    [Fact]
    public void SeedSettingsExperiments_RunTheRowsEpochsAndInputSize_AndCarryItsFigureWhenTheCatalogHasOne()
    {
        foreach (var row in SeedStudyRows.All.Where(r => r.SeedSettings is not null))
        {
            var experiment = ExperimentCatalog.Get(row.SeedSettings!);
            Assert.Equal(row.Recipe.Epochs, experiment.Trainer.EpochCount());
            Assert.Equal(row.Recipe.InputSize, experiment.FolderImageSize);
            if (experiment.PublishedAccuracy is { } published) Assert.Equal(row.PublishedAccuracy, published);
        }
    }

    [Fact]
    public void SeedRows_CoverTheSeedStudysPublishedFigures() =>
        Assert.Equal([0.7145, 0.6136, 0.8763, 0.8964, 0.9223, 0.5538, 0.1000],
            SeedStudyRows.All.Select(r => r.PublishedAccuracy).OfType<double>());
}
