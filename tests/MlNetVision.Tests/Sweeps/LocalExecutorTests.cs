using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps;

[Trait("Category", "Slow")]
public class LocalExecutorTests
{
    [Fact]
    public void Run_Parallel2_TasksOverlap_AFailureLeavesTheOthers_ExitCodeCountsFailures_SecondRunSkipsDone()
    {
        using var folder = new TempFolder();
        var good = TinyCifar.Write(folder.Combine("good"), perTrainFile: 4, testRecords: 10);
        var bad = TinyCifar.Write(folder.Combine("bad"), perTrainFile: 4, testRecords: 10);
        File.WriteAllBytes(Path.Combine(bad, "test_batch.bin"), new byte[100]);   // corrupt: not a whole record
        var path = folder.Combine("sweep.json");
        File.WriteAllText(path, $$"""
            { "name": "local", "output": {{JsonSerializer.Serialize(folder.Combine("out"))}},
              "base": { "extends": "simple-cnn", "recipe": { "epochs": 1, "batchSize": 8 } },
              "tasks": [ { "name": "good", "data": {{JsonSerializer.Serialize(good)}} }, { "name": "bad", "data": {{JsonSerializer.Serialize(bad)}} } ],
              "grid": { "seed": [0, 1] } }
            """);
        var log = new StringWriter();

        int code = CommandLine.Run(["sweep", "run", path, "--parallel", "2"], log, log);

        Assert.True(code == 2, log.ToString());
        var sweep = SweepFileReader.Read(path);
        var records = sweep.Tasks.Select(t => TaskRecord.Read(sweep.TaskFolder(t))!).ToList();
        Assert.Equal([TaskStates.Done, TaskStates.Done, TaskStates.Failed, TaskStates.Failed], records.Select(r => r.State));
        Assert.True(records[0].StartedUtc < records[1].EndedUtc && records[1].StartedUtc < records[0].EndedUtc,
            $"the two good tasks did not overlap: {records[0].StartedUtc:O}–{records[0].EndedUtc:O}, {records[1].StartedUtc:O}–{records[1].EndedUtc:O}");
        Assert.Equal(ExitCodes.UserError, records[2].ExitCode);
        Assert.Contains("test_batch.bin", records[2].Error);
        Assert.Contains("1 thread each", log.ToString());
        Assert.Matches(@"\[0:00:\d\d\] start  0 good\.seed-0 \(running 1, done 0, failed 0, waiting 3\)", log.ToString());
        Assert.Matches(@"\[0:00:\d\d\] done   \d good\.seed-\d in 0:00:\d\d, accuracy 0\.\d{4}", log.ToString());
        Assert.Matches(@"failed 2 bad\.seed-0 in 0:00:\d\d, exit 2: .*test_batch\.bin", log.ToString());
        Assert.Contains("sweep local: 2 of 4 done, 2 failed", log.ToString());
        Assert.True(File.Exists(folder.Combine("out", "comparison", "comparison.md")));
        Assert.Contains("good (2 seeds)", File.ReadAllText(folder.Combine("out", "comparison", "comparison.md")));
        Assert.Contains("error: ", File.ReadAllText(Path.Combine(sweep.TaskFolder(sweep.Tasks[2]), TaskProcess.LogFile)));

        var again = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["sweep", "run", path, "--parallel", "2", "--threads", "1"], again, again));
        Assert.Contains("4 tasks, 2 done, 2 to run", again.ToString());
        var after = sweep.Tasks.Select(t => TaskRecord.Read(sweep.TaskFolder(t))!).ToList();
        Assert.Equal([1, 1, 2, 2], after.Select(r => r.Attempt));   // done tasks were skipped, failed ones tried again

        var status = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["sweep", "status", path], status, status));
        Assert.Contains("2 done, 0 running, 2 failed, 0 interrupted, 0 pending", status.ToString());
        Assert.Matches(@"\n\s+1  good\.seed-1  done\s+1 ", status.ToString());
    }

    [LinuxFact]
    public void Run_Sigterm_ReachesTheTasks_TheyEndInterrupted_ASecondRunResumesThem()
    {
        using var folder = new TempFolder();
        var data = TinyCifar.Write(folder.Combine("data"), perTrainFile: 8, testRecords: 10);
        var path = folder.Combine("sweep.json");
        File.WriteAllText(path, $$"""
            { "name": "signals", "output": {{JsonSerializer.Serialize(folder.Combine("out"))}},
              "base": { "extends": "simple-cnn", "name": "long", "data": {{JsonSerializer.Serialize(data)}}, "recipe": { "epochs": 100000, "batchSize": 8 } },
              "grid": { "seed": [0, 1] } }
            """);
        var sweep = SweepFileReader.Read(path);
        var logs = sweep.Tasks.Select(t => Path.Combine(sweep.TaskFolder(t), TaskProcess.LogFile)).ToList();
        bool BothLogsSay(string text, TimeSpan timeout)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                if (logs.All(l => File.Exists(l) && ReadShared(l).Contains(text, StringComparison.Ordinal))) return true;
                Thread.Sleep(100);
            }
            return false;
        }

        using (var run = new CliProcess("sweep", "run", path, "--parallel", "2", "--threads", "1"))
        {
            Assert.True(BothLogsSay("epoch 2/", TimeSpan.FromSeconds(90)), run.Output + run.Error);
            run.Signal("TERM");
            Assert.Equal(130, run.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Contains("interrupted 0 long.seed-0", run.Output);
            Assert.Contains("run the same command again to resume", run.Output);
        }
        var first = sweep.Tasks.Select(t => TaskRecord.Read(sweep.TaskFolder(t))!).ToList();
        Assert.All(first, r => Assert.Equal((TaskStates.Interrupted, 130, false), (r.State, r.ExitCode, r.Resumed)));
        Assert.All(logs, l => Assert.Contains("stopping after the current step", ReadShared(l)));

        using (var again = new CliProcess("sweep", "run", path, "--parallel", "2", "--threads", "1"))
        {
            Assert.True(BothLogsSay("resuming at epoch", TimeSpan.FromSeconds(90)), again.Output + again.Error);
            again.Signal("TERM");
            Assert.Equal(130, again.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Contains("2 tasks, 0 done, 2 to run", again.Output);
        }
        var second = sweep.Tasks.Select(t => TaskRecord.Read(sweep.TaskFolder(t))!).ToList();
        Assert.All(second, r => Assert.Equal((TaskStates.Interrupted, 2, true), (r.State, r.Attempt, r.Resumed)));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
