using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps.Slurm;

/// <summary>
/// Sweeps of tiny runs (simple-cnn, a few images, one thread) submitted by the CLI to the real single-node Slurm: the
/// array runs every task into its folder, the afterany job compares them, and a task stopped by
/// <c>scancel --signal=TERM</c> is requeued and resumes to the metrics of an uninterrupted run.
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slow")]
public class SweepOnSlurmTests(SlurmCluster cluster)
{
    [LinuxFact]
    public void SweepRun_Slurm_RunsFourTasks_ThenComparesThem()
    {
        using var data = new TempFolder();
        using var folder = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 4, testRecords: 10);
        var path = WriteSweep(folder, "four", data.Path, epochs: 1, """ "grid": { "seed": [0, 1, 2, 3] } """);

        using (var cli = new CliProcess("sweep", "run", path, "--executor", "slurm", "--partition", SlurmCluster.Partition, "--max-parallel", "2"))
        {
            Assert.True(cli.WaitForExit(TimeSpan.FromSeconds(60)) == 0, cli.Error);
            Assert.Matches(@"submitted sweep four: array job \d+ \(tasks 0-3, at most 2 at once\), compare job \d+ \(afterany:\d+\)", cli.Output);
        }
        var sweep = SweepFileReader.Read(path);
        SlurmCluster.WaitUntil(() => File.Exists(Path.Combine(sweep.ComparisonFolder, "comparison.md")) && SlurmCluster.QueuedJobs() == 0,
            TimeSpan.FromSeconds(120), $"the sweep and its comparison\n{Logs(sweep)}");

        var submission = SlurmSubmission.Load(Path.Combine(sweep.Output, "slurm"))!;
        foreach (var task in sweep.Tasks)
        {
            var record = TaskRecord.Read(sweep.TaskFolder(task))!;
            Assert.Equal((TaskStates.Done, $"{submission.ArrayJobId}_{task.Index}"), (record.State, record.SlurmJobId));
            Assert.Equal(task.Index, ReportJson.Read(Path.Combine(sweep.TaskFolder(task), RunFolder.ReportFile)).Config.Trainer.Seed);
        }
        var comparison = File.ReadAllText(Path.Combine(sweep.ComparisonFolder, "comparison.md"));
        Assert.Contains("| tiny (4 seeds) | simple_cnn |", comparison);
        var status = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["sweep", "status", path], status, status));
        Assert.Contains("4 done", status.ToString());
        Assert.Contains($"array job {submission.ArrayJobId}", status.ToString());
        Assert.Equal(cluster.Node, Environment.MachineName.Split('.')[0]);
    }

    [LinuxFact]
    public void ScancelTerm_CheckpointsTheTask_TheRequeuedTaskResumes_ToTheMetricsOfAnUninterruptedRun()
    {
        using var data = new TempFolder();
        using var folder = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 8, testRecords: 10);
        var onSlurm = WriteSweep(folder, "stopped", data.Path, Epochs, """ "grid": { "seed": [3] } """);
        var direct = WriteSweep(folder, "direct", data.Path, Epochs, """ "grid": { "seed": [3] } """);

        string arrayJob;
        using (var cli = new CliProcess("sweep", "run", onSlurm, "--executor", "slurm", "--partition", SlurmCluster.Partition))
        {
            Assert.True(cli.WaitForExit(TimeSpan.FromSeconds(60)) == 0, cli.Error);
            arrayJob = SlurmSubmission.Load(Path.Combine(SweepFileReader.Read(onSlurm).Output, "slurm"))!.ArrayJobId;
        }
        var sweep = SweepFileReader.Read(onSlurm);
        var log = Path.Combine(sweep.Output, "slurm", "task-0.out");
        SlurmCluster.WaitUntil(() => File.Exists(log) && File.ReadAllText(log).Contains("epoch 3/"), TimeSpan.FromSeconds(60), $"epoch 3\n{Logs(sweep)}");
        SlurmCluster.Run("scancel", "--signal=TERM", $"{arrayJob}_0");

        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["sweep", "task", direct, "--index", "0", "--threads", "1"], output, output));
        SlurmCluster.WaitUntil(() => File.Exists(Path.Combine(sweep.ComparisonFolder, "comparison.md")) && SlurmCluster.QueuedJobs() == 0,
            TimeSpan.FromSeconds(120), $"the resumed task and the comparison\n{Logs(sweep)}");

        var folderOnSlurm = sweep.TaskFolder(sweep.Tasks[0]);
        var record = TaskRecord.Read(folderOnSlurm)!;
        Assert.True((record.State, record.Attempt, record.Resumed) == (TaskStates.Done, 2, true), $"{record}\n{Logs(sweep)}");
        var text = File.ReadAllText(log);
        Assert.Contains("exited with code 130", text);
        Assert.Contains("requeueing", text);
        var resumed = ReportJson.Read(Path.Combine(folderOnSlurm, RunFolder.ReportFile));
        var directSweep = SweepFileReader.Read(direct);
        var uninterrupted = ReportJson.Read(Path.Combine(directSweep.TaskFolder(directSweep.Tasks[0]), RunFolder.ReportFile));
        Assert.Equal("completed", resumed.Status);
        Assert.Equal(uninterrupted.Metrics.Accuracy, resumed.Metrics.Accuracy);
        Assert.Equal(uninterrupted.Metrics.MacroF1, resumed.Metrics.MacroF1);
        Assert.Equal(uninterrupted.History.Select(h => (h.TrainLoss, h.TrainAccuracy)), resumed.History.Select(h => (h.TrainLoss, h.TrainAccuracy)));
    }

    private const int Epochs = 12;

    private static string WriteSweep(TempFolder folder, string name, string data, int epochs, string grid)
    {
        var path = folder.Combine($"{name}.json");
        File.WriteAllText(path, $$"""
            { "name": "{{name}}", "output": {{JsonSerializer.Serialize(folder.Combine(name))}},
              "base": { "extends": "simple-cnn", "name": "tiny", "data": {{JsonSerializer.Serialize(data)}}, "recipe": { "epochs": {{epochs}}, "batchSize": 8 } },
              {{grid}} }
            """);
        return path;
    }

    private static string Logs(SweepFile sweep)
    {
        var slurm = Path.Combine(sweep.Output, "slurm");
        return Directory.Exists(slurm)
            ? string.Join("\n", Directory.GetFiles(slurm, "*.out").Select(f => $"--- {f}\n{File.ReadAllText(f)}"))
            : "(no slurm folder)";
    }
}
