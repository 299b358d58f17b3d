using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Running;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.Artifacts;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Running;

public class RunArtifactsFailureTests
{
    private sealed class ScoredRow
    {
        [KeyType(10)] public uint Label { get; set; }
        [VectorType(3)] public float[] Score { get; set; } = [];
    }

    [Fact]
    public void Write_ScoresThatDoNotFit_PredictionsAndGalleryLeftOutAndTheFailureReported_AugmentationStillWritten()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 4, testRecords: 5);
        using var run = new RunDataLoader(TextWriter.Null).Load(ExperimentCatalog.Get("simple-cnn"), new RunSettings { Data = data.Path }, seed: 0);
        var ml = new MLContext(0);
        var scored = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(i => new ScoredRow { Label = 1, Score = [0.2f, 0.3f, 0.5f] }));
        var log = new StringWriter();
        var artifacts = new RunArtifacts(new RunFolder(output.Path), log);

        var written = artifacts.Write(new ArtifactsInfo("model.zip", "report.json", "summary.md"), scored, run, run.ClassNames, null, 0, 32);

        Assert.Null(written.Predictions);
        Assert.Null(written.Gallery);
        Assert.Equal(AugmentationFile.FileName, written.Augmentation);
        var failure = Assert.Single(artifacts.Failures);
        Assert.Contains("predictions.json was not written", failure);
        Assert.Contains("3 scores for 10 classes", failure);
        Assert.Contains("warning: " + failure, log.ToString());
        Assert.False(File.Exists(output.Combine(PredictionsFile.FileName)));
        var augmentation = ArtifactJson.Read<AugmentationFile>(output.Combine(AugmentationFile.FileName));
        Assert.Equal(AugmentationFile.NoAugmentation, augmentation.Augmentation);
        Assert.All(augmentation.Rows, r => Assert.All(r.Views, v => Assert.Equal(r.Original, v)));
    }
}
