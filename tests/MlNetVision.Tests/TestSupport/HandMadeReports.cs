using MlNetVision.Evaluation;
using MlNetVision.Suite.Reporting;
using MlNetVision.Training;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Small, fully specified reports for reporting tests.</summary>
public static class HandMadeReports
{
    public static RunReport Create(string experiment, double accuracy, string augmentation = "", double trainSeconds = 120, double? seedAccuracy = null)
    {
        string[] classes = ["cat", "dog"];
        long right = (long)Math.Round(accuracy * 10);
        IReadOnlyList<IReadOnlyList<long>> confusion = [[right, 10 - right], [10 - right, right]];
        var derived = new ConfusionMetrics(confusion, classes);
        return new RunReport
        {
            Experiment = experiment,
            Model = "simple_cnn",
            Config = new RunConfig(new TorchImageClassifierOptions { Augmentation = augmentation, Epochs = 2 }, 32, null, null),
            Dataset = new DatasetInfo("test", "/data", 100, 0, 20, []),
            Environment = new EnvironmentInfo("cpu", 2, 2, "linux", ".NET", "0.107", "5.0", "cpu", null),
            History = [new EpochRecord(1, 1.2, 0.5, null, trainSeconds / 2, 1e-3), new EpochRecord(2, 0.8, 0.7, 0.65, trainSeconds / 2, 1e-3)],
            Metrics = new MetricsInfo(derived.Accuracy, derived.MacroRecall, derived.MacroF1, derived.WeightedF1, 0.5, 1, derived.Accuracy, derived.PerClass, confusion, classes),
            Timing = new TimingInfo(trainSeconds, 200 / trainSeconds, 1, 20, trainSeconds + 2),
            Artifacts = new ArtifactsInfo("model.zip", "report.json", "summary.md"),
            Parameters = 545_098,
            Reference = seedAccuracy is { } s ? new ReferenceInfo("seed study", s, null) : null,
        };
    }
}
