using MlNetVision.Experiments.Running;
using MlNetVision.Suite.Reporting;
using MlNetVision.Training.Checkpoints;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Running;

[Trait("Category", "Slow")]
public class InterruptTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void Run_Signalled_SavesCheckpointAndInterruptedReport_ThenResumeCompletes(string signal)
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 8, testRecords: 10);

        using (var cli = new CliProcess("run", "simple-cnn", "--data", data.Path, "--output", output.Path, "--epochs", "100000", "--batch-size", "8", "--threads", "1"))
        {
            Assert.True(cli.WaitForError("epoch 2/", TimeSpan.FromSeconds(60)), cli.Error);
            if (signal == "INT" && SignalDisposition.Ignored(SignalDisposition.Interrupt))
            {
                // started in the background of a non-interactive shell (or under nohup), this test process and so the CLI
                // ignore SIGINT; the run must honour that and keep going, and SIGTERM then stops it as below
                cli.Signal(signal);
                Assert.False(cli.WaitForError("stopping after the current step", TimeSpan.FromSeconds(3)), cli.Error);
                signal = "TERM";
            }
            cli.Signal(signal);
            int code = cli.WaitForExit(TimeSpan.FromSeconds(60));

            Assert.True(code == ExitCodes.Interrupted, $"exit {code}\n{cli.Error}");
            Assert.Contains("stopping after the current step", cli.Error);
        }
        var report = ReportJson.Read(Path.Combine(output.Path, RunFolder.ReportFile));
        Assert.Equal("interrupted", report.Status);
        Assert.True(report.History.Count >= 1);
        Assert.True(File.Exists(Path.Combine(output.Path, RunFolder.ModelFile)));
        Assert.True(File.Exists(Path.Combine(output.Path, CheckpointStore.CheckpointFile)));

        // the saved settings ask for 100,000 epochs: resume and interrupt again, proving it continues from the checkpoint
        using (var again = new CliProcess("run", "--resume", output.Path))
        {
            Assert.True(again.WaitForError("resuming at epoch", TimeSpan.FromSeconds(60)), again.Error);
            again.Signal(signal);   // TERM when SIGINT is ignored here (see above)
            Assert.Equal(ExitCodes.Interrupted, again.WaitForExit(TimeSpan.FromSeconds(60)));
        }
        var resumed = ReportJson.Read(Path.Combine(output.Path, RunFolder.ReportFile));
        Assert.True(resumed.History.Count >= report.History.Count);
        Assert.True(resumed.Timing.TotalSeconds >= resumed.Timing.TrainSeconds, $"total {resumed.Timing.TotalSeconds} s < training {resumed.Timing.TrainSeconds} s");
    }

    [Fact]
    public void Run_ResumeWithoutCheckpoint_ExitsWithUserError()
    {
        using var output = new TempFolder();
        File.WriteAllText(output.Combine(RunFolder.SettingsFile), "{}");

        using var cli = new CliProcess("run", "--resume", output.Path);

        Assert.Equal(2, cli.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Contains("no checkpoint to resume from", cli.Error);
    }
}
