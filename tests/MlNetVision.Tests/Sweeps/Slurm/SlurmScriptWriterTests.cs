using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;

namespace MlNetVision.Tests.Sweeps.Slurm;

public class SlurmScriptWriterTests
{
    private static readonly ClusterSweep Sweep = new("lr-study", "/home/me/sweeps/lr study.json", "/home/me/artifacts/sweeps/lr-study", 12, "/home/me");
    private static readonly string[] Cli = ["/usr/share/dotnet/dotnet", "/opt/mlnetvision/MlNetVision.Experiments.dll"];

    [Fact]
    public void ArrayScript_RunsTaskIOfTheSweepAsAStep_WithTheGivenSettings()
    {
        var script = SlurmScriptWriter.ArrayScript(Sweep, new SlurmOptions("gpu", "02:00:00", 4, "16G", 3, "proj-7", 240), Cli);

        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("#SBATCH --array=0-11%3\n", script);
        Assert.Contains("#SBATCH --partition=gpu\n", script);
        Assert.Contains("#SBATCH --time=02:00:00\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=4\n", script);
        Assert.Contains("#SBATCH --mem=16G\n", script);
        Assert.Contains("#SBATCH --account=proj-7\n", script);
        Assert.Contains("#SBATCH --requeue\n", script);
        Assert.Contains("#SBATCH --signal=TERM@240\n", script);
        Assert.Contains("#SBATCH --chdir=/home/me\n", script);
        Assert.Contains("#SBATCH --output=/home/me/artifacts/sweeps/lr-study/slurm/task-%a.out\n", script);
        Assert.Contains("srun --ntasks=1 --cpus-per-task=\"$cpus\" /usr/share/dotnet/dotnet /opt/mlnetvision/MlNetVision.Experiments.dll sweep task '/home/me/sweeps/lr study.json' --index \"$SLURM_ARRAY_TASK_ID\" --threads \"$cpus\"\n", script);
        Assert.Contains("if [ \"$code\" -eq 130 ]; then", script);
        Assert.Contains("scontrol requeue \"$task\"", script);
    }

    [Fact]
    public void ArrayScript_LeavesUnsetSettingsToTheCluster()
    {
        var script = SlurmScriptWriter.ArrayScript(Sweep, new SlurmOptions(), Cli);

        Assert.Contains("#SBATCH --array=0-11\n", script);
        Assert.Contains($"#SBATCH --signal=TERM@{SlurmOptions.DefaultGraceSeconds}\n", script);
        foreach (var unset in new[] { "--partition", "--time", "--cpus-per-task=", "--mem", "--account" })
            Assert.DoesNotContain("#SBATCH " + unset, script);
    }

    [Fact]
    public void CompareScript_ComparesTheTaskFoldersIntoTheComparisonFolder()
    {
        var script = SlurmScriptWriter.CompareScript(Sweep, new SlurmOptions(Partition: "cpu"), Cli);

        Assert.Contains("#SBATCH --job-name=lr-study-compare\n", script);
        Assert.Contains("#SBATCH --partition=cpu\n", script);
        Assert.Contains("MlNetVision.Experiments.dll compare --runs /home/me/artifacts/sweeps/lr-study/tasks --output /home/me/artifacts/sweeps/lr-study/comparison\n", script);
    }

    [Fact]
    public void ArrayScript_WithoutTasks_Throws()
    {
        Assert.Throws<ArgumentException>(() => SlurmScriptWriter.ArrayScript(Sweep with { TaskCount = 0 }, new SlurmOptions(), Cli));
    }
}
