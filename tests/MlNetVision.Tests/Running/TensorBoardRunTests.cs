using MlNetVision.Experiments.Running;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.TensorBoard;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Running;

[Trait("Category", "Slow")]
public class TensorBoardRunTests(AugmentedRunFixture run) : IClassFixture<AugmentedRunFixture>
{
    [Fact]
    public void Run_WithTensorBoard_LogsStepAndEpochScalarsThatMatchTheReport()
    {
        var report = ReportJson.Read(run.Combine(RunFolder.ReportFile));
        Assert.Equal(ExperimentRunner.TensorBoardFolder, report.Artifacts.TensorBoard);
        var scalars = TensorBoardEvents.Scalars(run.Combine(ExperimentRunner.TensorBoardFolder));
        float[] Values(string tag) => scalars.Where(s => s.Tag == tag).Select(s => s.Value).ToArray();
        var epoch = Assert.Single(report.History);
        int trainCount = report.Dataset.TrainCount, steps = (trainCount + 15) / 16;

        var losses = scalars.Where(s => s.Tag == TrainingScalars.StepLoss).ToList();
        Assert.Equal(Enumerable.Range(1, steps).Select(s => (long)s), losses.Select(s => s.Step));
        double weighted = losses.Select((s, k) => s.Value * (double)Math.Min(16, trainCount - 16 * k)).Sum() / trainCount;
        Assert.Equal(epoch.TrainLoss, weighted, 5);
        Assert.Equal(steps, Values(TrainingScalars.StepLearningRate).Length);
        Assert.Equal((float)epoch.LearningRate, Values(TrainingScalars.StepLearningRate)[^1]);
        Assert.Equal([(float)epoch.TrainLoss], Values(TrainingScalars.EpochLoss));
        Assert.Equal([(float)epoch.TrainAccuracy], Values(TrainingScalars.EpochAccuracy));
        Assert.Equal([(float)epoch.ImagesPerSecond], Values(TrainingScalars.EpochImagesPerSecond));
        Assert.Equal(epoch.ValidationAccuracy is { } v ? [(float)v] : [], Values(TrainingScalars.EpochValidationAccuracy));
        Assert.Empty(Values(TrainingScalars.EpochMonitorAccuracy));
        Assert.Equal([(float)report.Metrics.Accuracy], Values(TrainingScalars.TestAccuracy));
        Assert.Equal([(float)report.Metrics.MacroF1], Values(TrainingScalars.TestMacroF1));
    }

    [Fact]
    public void Run_WithTensorBoard_LogsAWeightHistogramPerParameterAfterTheEpoch()
    {
        var report = ReportJson.Read(run.Combine(RunFolder.ReportFile));
        var histograms = TensorBoardEvents.Histograms(run.Combine(ExperimentRunner.TensorBoardFolder));

        Assert.NotEmpty(histograms);
        Assert.All(histograms, h =>
        {
            Assert.StartsWith(TrainingScalars.WeightsPrefix, h.Tag);
            Assert.Equal(1, h.Step);
            Assert.Equal(h.Histogram.Num, h.Histogram.Bucket.Sum());
            Assert.Equal(h.Histogram.BucketLimit.Count, h.Histogram.Bucket.Count);
            Assert.Equal(h.Histogram.Max, h.Histogram.BucketLimit[^1]);
            Assert.True(h.Histogram.BucketLimit.Zip(h.Histogram.BucketLimit.Skip(1)).All(p => p.First < p.Second), "limits not ascending");
            Assert.InRange(h.Histogram.Min, double.MinValue, h.Histogram.Max);
        });
        Assert.Equal(histograms.Count, histograms.Select(h => h.Tag).Distinct().Count());
        Assert.Equal(report.Parameters, (long)histograms.Sum(h => h.Histogram.Num));
    }
}
