using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

public class SweepStatusCommandTests
{
    [Fact]
    public void WriteSlurm_ShowsTheJobs_AndEachQueuedElementWithItsTask()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("s.json");
        File.WriteAllText(path, $$"""
            { "name": "s", "output": {{System.Text.Json.JsonSerializer.Serialize(folder.Combine("out"))}},
              "base": { "extends": "simple-cnn", "name": "tiny", "recipe": { "epochs": 1 } }, "grid": { "seed": [0, 1] } }
            """);
        var sweep = SweepFileReader.Read(path);
        var submission = new SlurmSubmission("41", "42", 2, DateTime.UtcNow, "a", "b");
        var slurm = new SlurmStatus(SqueueOutput.Parse("41_0|RUNNING|None\n41_1|PENDING|BeginTime\n", "41"), "PENDING", HasAccounting: false);
        var output = new StringWriter();

        SweepStatusCommand.WriteSlurm(output, sweep, submission, slurm);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("slurm: array job 41, compare job 42: PENDING; no accounting", lines[0]);
        Assert.Equal($"  41_0  {sweep.Tasks[0].Id}  RUNNING", lines[1]);
        Assert.Equal($"  41_1  {sweep.Tasks[1].Id}  PENDING (BeginTime)", lines[2]);
    }

    [Fact]
    public void WriteSlurm_WithoutSqueue_SaysSo()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("s.json");
        File.WriteAllText(path, """{ "name": "s", "base": { "extends": "simple-cnn" } }""");
        var output = new StringWriter();

        SweepStatusCommand.WriteSlurm(output, SweepFileReader.Read(path), new SlurmSubmission("7", "8", 1, DateTime.UtcNow, "a", "b"), null);

        Assert.Equal("slurm: array job 7, compare job 8: unknown (squeue not found)", output.ToString().Trim());
    }
}
