using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;

namespace MlNetVision.Tests.Training;

public class StepCallbackTests
{
    [Fact]
    public void Fit_WithStepCallback_OneRecordPerStep_LossesAverageToTheEpochsLoss()
    {
        var ml = new MLContext(seed: 1);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(40, seed: 2));
        var steps = new List<StepRecord>();
        var epochs = new List<EpochRecord>();
        var runtime = Pipelines.QuickRuntime with { StepCallback = steps.Add };

        using var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames)
            .Append(ml.MulticlassClassification.Trainers.TorchImageClassifier(Pipelines.QuickOptions() with { MetricsCallback = epochs.Add }, runtime))
            .Fit(train);

        // 40 rows, batch 16: steps of 16, 16 and 8 in each of 2 epochs
        Assert.Equal(Enumerable.Range(1, 6).Select(s => (long)s), steps.Select(s => s.Step));
        Assert.Equal([1, 1, 1, 2, 2, 2], steps.Select(s => s.Epoch));
        int[] rows = [16, 16, 8];
        foreach (var epoch in epochs)
        {
            var own = steps.Where(s => s.Epoch == epoch.Epoch).ToList();
            Assert.Equal(epoch.TrainLoss, own.Select((s, k) => s.Loss * rows[k]).Sum() / 40, 5);
            Assert.Equal(epoch.LearningRate, own[^1].LearningRate);
        }
    }
}
