using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps.Slurm;

/// <summary>
/// The executor's scripts on a real single-node Slurm, with a stand-in CLI (a shell script) so that what is checked is
/// Slurm's side: the array, the afterany compare job, the time limit's SIGTERM to the task step and the requeue
/// (the real CLI and <c>scancel --signal=TERM</c> are in SweepOnSlurmTests).
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slow")]
public class SlurmExecutorClusterTests(SlurmCluster cluster)
{
    [LinuxFact]
    public void Submit_RunsEveryArrayTask_ThenCompareAfterTheLast()
    {
        using var folder = new TempFolder();
        var cli = StandInCli(folder, "echo \"$3 $5\" >> \"$PWD/ran.txt\"; [ \"$1\" = compare ] && ls \"$PWD/ran.txt\" > \"$PWD/compared.txt\"; exit 0");
        var sweep = new ClusterSweep("stand-in", folder.Combine("stand-in.json"), folder.Combine("out"), 3, folder.Path);

        var submission = SlurmExecutor.Submit(sweep, new SlurmOptions(SlurmCluster.Partition, MaxParallel: 2, GraceSeconds: 60), [cli]);

        SlurmCluster.WaitUntil(() => File.Exists(folder.Combine("compared.txt")) && SlurmCluster.QueuedJobs() == 0, TimeSpan.FromSeconds(60), "the compare job");
        Assert.Equal(["0", "1", "2"], File.ReadAllLines(folder.Combine("ran.txt")).Where(l => l.StartsWith(folder.Combine("stand-in.json"))).Select(l => l.Split(' ')[1]).Order());
        Assert.Contains($"task {submission.ArrayJobId}_2 exited with code 0", File.ReadAllText(folder.Combine("out", "slurm", "task-2.out")));
        Assert.NotEqual(submission.ArrayJobId, submission.CompareJobId);
        Assert.True(cluster.Node.Length > 0);
    }

    [LinuxFact]
    public void TaskNearItsTimeLimit_GetsSigterm_ExitsInterrupted_AndIsRequeued()
    {
        using var folder = new TempFolder();
        // first attempt: wait for SIGTERM, exit 130 as the CLI does after its checkpoint; second attempt: finish
        var cli = StandInCli(folder, "[ \"$1\" = compare ] && exit 0; if [ -e \"$PWD/stopped\" ]; then echo resumed > \"$PWD/resumed\"; exit 0; fi; " +
                                     "trap 'date +%s > \"$PWD/stopped\"; exit 130' TERM; date +%s > \"$PWD/started\"; while :; do sleep 0.2 & wait $!; done");
        var sweep = new ClusterSweep("time-limit", folder.Combine("time-limit.json"), folder.Combine("out"), 1, folder.Path);

        // a 1-minute limit with SIGTERM 50 s before it: Slurm checks limits every few seconds, so the signal comes 10 s or less after the start
        var submission = SlurmExecutor.Submit(sweep, new SlurmOptions(SlurmCluster.Partition, Time: "1", GraceSeconds: 50), [cli]);

        SlurmCluster.WaitUntil(() => File.Exists(folder.Combine("resumed")), TimeSpan.FromSeconds(90), "the requeued task");
        var log = File.ReadAllText(folder.Combine("out", "slurm", "task-0.out"));
        Assert.Contains($"task {submission.ArrayJobId}_0 exited with code 130", log);
        Assert.Contains("requeueing", log);
        Assert.Contains($"task {submission.ArrayJobId}_0 attempt 2", log);
        var seconds = long.Parse(File.ReadAllText(folder.Combine("stopped"))) - long.Parse(File.ReadAllText(folder.Combine("started")));
        Assert.InRange(seconds, 0, 40);
    }

    private static string StandInCli(TempFolder folder, string body)
    {
        var path = folder.Combine("cli.sh");
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
