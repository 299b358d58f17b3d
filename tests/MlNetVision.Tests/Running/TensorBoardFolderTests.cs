using MlNetVision.Experiments.Running;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.TensorBoard;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Running;

[Trait("Category", "Slow")]
public class TensorBoardFolderTests
{
    [Fact]
    public void Run_SeedsWithTensorBoardDir_OneSubfolderPerSeed_ReportNamesItsFullPath()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        using var logs = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 4, testRecords: 10);
        var log = new StringWriter();

        int code = Experiments.Commands.CommandLine.Run(["run", "simple-cnn", "--data", data.Path, "--output", output.Path, "--epochs", "1", "--threads", "1",
            "--seeds", "2", "--tensorboard", logs.Path], log, log);

        Assert.True(code == 0, log.ToString());
        foreach (var seed in new[] { 0, 1 })
        {
            var folder = Path.Combine(logs.Path, $"seed-{seed}");
            var report = ReportJson.Read(Path.Combine(output.Path, $"seed-{seed}", RunFolder.ReportFile));
            Assert.Equal(folder, report.Artifacts.TensorBoard);
            var accuracy = Assert.Single(TensorBoardEvents.Scalars(folder), s => s.Tag == TrainingScalars.TestAccuracy);
            Assert.Equal((float)report.Metrics.Accuracy, accuracy.Value);
        }
    }
}
