using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps.Slurm;

/// <summary>
/// The executor's scripts on a real single-node Slurm, with a stand-in CLI (a shell script) so that what is checked is
/// Slurm's side: the array, the afterany compare job, the task step's signal and the requeue.
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
    public void TaskInterruptedByScancelTerm_ExitsInterrupted_AndIsRequeued()
    {
        using var folder = new TempFolder();
        // first attempt: wait for SIGTERM, exit 130 as the CLI does after its checkpoint; second attempt: finish
        var cli = StandInCli(folder, "[ \"$1\" = compare ] && exit 0; if [ -e \"$PWD/stopped\" ]; then echo resumed > \"$PWD/resumed\"; exit 0; fi; " +
                                     "trap 'touch \"$PWD/stopped\"; exit 130' TERM; echo started > \"$PWD/started\"; while :; do sleep 0.2 & wait $!; done");
        var sweep = new ClusterSweep("requeue", folder.Combine("requeue.json"), folder.Combine("out"), 1, folder.Path);

        var submission = SlurmExecutor.Submit(sweep, new SlurmOptions(SlurmCluster.Partition, GraceSeconds: 60), [cli]);
        SlurmCluster.WaitUntil(() => File.Exists(folder.Combine("started")), TimeSpan.FromSeconds(30), "the task to start");
        SlurmCluster.Run("scancel", "--signal=TERM", $"{submission.ArrayJobId}_0");

        SlurmCluster.WaitUntil(() => File.Exists(folder.Combine("resumed")), TimeSpan.FromSeconds(60), "the requeued task");
        var log = File.ReadAllText(folder.Combine("out", "slurm", "task-0.out"));
        Assert.Contains("exited with code 130", log);
        Assert.Contains("requeueing", log);
        Assert.Contains($"task {submission.ArrayJobId}_0 attempt 2", log);
        Assert.True(File.Exists(folder.Combine("stopped")));
    }

    private static string StandInCli(TempFolder folder, string body)
    {
        var path = folder.Combine("cli.sh");
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
