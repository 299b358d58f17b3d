using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps.Slurm;

/// <summary>Submission against a stand-in sbatch on PATH (the real cluster is in SlurmClusterTests).</summary>
public class SlurmExecutorTests
{
    [LinuxFact]
    public void Submit_WithoutSbatch_IsAnErrorNamingIt()
    {
        using var folder = new TempFolder();
        using var path = new EnvironmentScope("PATH", folder.Path);

        var error = Assert.Throws<MlNetVisionException>(() => SlurmExecutor.Submit(Sweep(folder), new SlurmOptions(), ["/bin/true"]));

        Assert.StartsWith("sbatch was not found on PATH", error.Message);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [LinuxFact]
    public void Submit_SubmitsTheArray_ThenCompareAfterItEnds_AndRecordsTheIds()
    {
        using var folder = new TempFolder();
        var calls = folder.Combine("calls.txt");
        var sbatch = folder.Combine("sbatch");
        WriteScript(sbatch, $"#!/bin/sh\necho \"$@\" >> {calls}\nif [ \"$2\" = \"--dependency=afterany:500\" ]; then echo '501;ci'; else echo 500; fi\n");
        using var path = new EnvironmentScope("PATH", folder.Path);

        var submission = SlurmExecutor.Submit(Sweep(folder), new SlurmOptions(MaxParallel: 2), ["/bin/true"]);

        Assert.Equal(("500", "501"), (submission.ArrayJobId, submission.CompareJobId));
        var slurm = folder.Combine("out", "slurm");
        Assert.Equal(
            [$"--parsable {Path.Combine(slurm, SlurmExecutor.ArrayScriptFile)}", $"--parsable --dependency=afterany:500 {Path.Combine(slurm, SlurmExecutor.CompareScriptFile)}"],
            File.ReadAllLines(calls));
        Assert.Contains("#SBATCH --array=0-3%2", File.ReadAllText(submission.ArrayScript));
        Assert.Equal(submission with { SubmittedUtc = default }, SlurmSubmission.Load(slurm)! with { SubmittedUtc = default });
    }

    [LinuxFact]
    public void Submit_WhenSbatchRefuses_IsAnErrorWithItsMessage()
    {
        using var folder = new TempFolder();
        var sbatch = folder.Combine("sbatch");
        WriteScript(sbatch, "#!/bin/sh\necho 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n");
        using var path = new EnvironmentScope("PATH", folder.Path);

        var error = Assert.Throws<MlNetVisionException>(() => SlurmExecutor.Submit(Sweep(folder), new SlurmOptions("nope"), ["/bin/true"]));

        Assert.Contains("invalid partition specified: nope", error.Message);
    }

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static ClusterSweep Sweep(TempFolder folder) => new("tiny", folder.Combine("tiny.json"), folder.Combine("out"), 4, folder.Path);
}
