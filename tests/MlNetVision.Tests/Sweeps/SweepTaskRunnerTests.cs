using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training.Checkpoints;

namespace MlNetVision.Tests.Sweeps;

[Trait("Category", "Slow")]
public class SweepTaskRunnerTests
{
    private static string WriteSweep(TempFolder folder, string data, int epochs)
    {
        var path = folder.Combine("sweep.json");
        File.WriteAllText(path, $$"""
            { "name": "tiny", "output": {{JsonSerializer.Serialize(folder.Combine("out"))}},
              "base": { "extends": "simple-cnn", "name": "tiny", "data": {{JsonSerializer.Serialize(data)}}, "recipe": { "epochs": {{epochs}}, "batchSize": 8 } },
              "grid": { "seed": [0, 1] } }
            """);
        return path;
    }

    [Fact]
    public void Task_RunsIntoItsFolder_RecordsDone_AndASecondCallSkipsIt()
    {
        using var data = new TempFolder();
        using var folder = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 4, testRecords: 10);
        var path = WriteSweep(folder, data.Path, epochs: 1);
        var log = new StringWriter();

        int code = CommandLine.Run(["sweep", "task", path, "--index", "1", "--threads", "1"], log, log);

        Assert.True(code == 0, log.ToString());
        var taskFolder = folder.Combine("out", "tasks", "tiny.seed-1");
        var record = TaskRecord.Read(taskFolder)!;
        Assert.Equal((TaskStates.Done, 1, 0, 1, "tiny.seed-1"), (record.State, record.Attempt, record.ExitCode, record.Index, record.Id));
        Assert.Equal(Environment.MachineName, record.Host);
        Assert.True(record.EndedUtc >= record.StartedUtc);
        var report = ReportJson.Read(Path.Combine(taskFolder, RunFolder.ReportFile));
        Assert.Equal("tiny", report.Experiment);
        Assert.Equal(1, report.Config.Trainer.Seed);
        Assert.Equal(Path.Combine(taskFolder, SweepTask.ExperimentFileName), report.ExperimentFile);
        Assert.False(Directory.Exists(folder.Combine("out", "tasks", "tiny.seed-0")));
        Assert.True(File.Exists(folder.Combine("out", SweepFile.PlanFile)));

        var again = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["sweep", "task", path, "--index", "1"], again, again));
        Assert.Contains("task 1 (tiny.seed-1) is done", again.ToString());
        Assert.Equal(1, TaskRecord.Read(taskFolder)!.Attempt);
    }

    [Fact]
    public void Task_AlreadyRunning_RefusedWithOneErrorLine_AndItsRecordLeftAlone()
    {
        using var folder = new TempFolder();
        var path = WriteSweep(folder, folder.Combine("no-data"), epochs: 1);
        var taskFolder = folder.Combine("out", "tasks", "tiny.seed-0");
        Directory.CreateDirectory(taskFolder);
        var log = new StringWriter();

        using (new FileStream(Path.Combine(taskFolder, SweepTaskRunner.LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            Assert.Equal(ExitCodes.UserError, CommandLine.Run(["sweep", "task", path, "--index", "0"], log, log));

        Assert.Equal($"error: task 0 (tiny.seed-0) is running already: another process holds {Path.Combine(taskFolder, SweepTaskRunner.LockFile)}.", log.ToString().Trim());
        Assert.Null(TaskRecord.Read(taskFolder));
    }

    [Fact]
    public void Task_IndexOutOfRange_OneErrorLine()
    {
        using var folder = new TempFolder();
        var path = WriteSweep(folder, folder.Combine("no-data"), epochs: 1);
        var log = new StringWriter();

        Assert.Equal(ExitCodes.UserError, CommandLine.Run(["sweep", "task", path, "--index", "2"], log, log));
        Assert.Equal($"error: {path}: --index 2 is out of range: the sweep has 2 tasks (0–1).", log.ToString().Trim());
    }

    [Fact]
    public void Task_Interrupted_RecordsInterrupted_ThenResumesFromItsCheckpoint()
    {
        using var data = new TempFolder();
        using var folder = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 8, testRecords: 10);
        var sweep = SweepFileReader.Read(WriteSweep(folder, data.Path, epochs: 100_000));
        var taskFolder = sweep.TaskFolder(sweep.Tasks[0]);

        using (var log = new CancellingWriter("epoch 2/"))
            Assert.Equal(ExitCodes.Interrupted, new SweepTaskRunner(log, log).Run(sweep, 0, threads: 1, log.Token));

        var first = TaskRecord.Read(taskFolder)!;
        Assert.Equal((TaskStates.Interrupted, ExitCodes.Interrupted, false), (first.State, first.ExitCode, first.Resumed));
        Assert.True(File.Exists(Path.Combine(taskFolder, CheckpointStore.CheckpointFile)));
        int epochs = ReportJson.Read(Path.Combine(taskFolder, RunFolder.ReportFile)).History.Count;

        using (var log = new CancellingWriter("resuming at epoch"))
        {
            Assert.Equal(ExitCodes.Interrupted, new SweepTaskRunner(log, log).Run(sweep, 0, threads: 1, log.Token));
            Assert.Contains("resuming from its checkpoint", log.ToString());
        }
        var second = TaskRecord.Read(taskFolder)!;
        Assert.Equal((TaskStates.Interrupted, 2, true), (second.State, second.Attempt, second.Resumed));
        Assert.True(ReportJson.Read(Path.Combine(taskFolder, RunFolder.ReportFile)).History.Count >= epochs);
    }
}
