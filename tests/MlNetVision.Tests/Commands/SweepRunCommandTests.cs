using k8s;
using k8s.Models;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

public class SweepRunCommandTests
{
    private static string WriteSweep(TempFolder folder)
    {
        var path = folder.Combine("sweeps", "lr.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, """
            { "name": "lr", "output": "artifacts/sweeps/lr",
              "base": { "extends": "simple-cnn", "recipe": { "epochs": 1 } },
              "grid": { "recipe.learningRate": [0.001, 0.01], "seed": [0, 1, 2] } }
            """);
        return path;
    }

    [LinuxFact]
    public void Slurm_WithoutSbatch_IsAnErrorNamingIt_AndWritesNothing()
    {
        using var folder = new TempFolder();
        var path = WriteSweep(folder);
        using var noSlurm = new EnvironmentScope("PATH", folder.Path);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder.Path;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int code = CommandLine.Run(["sweep", "run", path, "--executor", "slurm", "--partition", "cpu"], output, error);

            Assert.Equal(ExitCodes.UserError, code);
            Assert.StartsWith("error: sbatch was not found on PATH", error.ToString());
            Assert.False(Directory.Exists(folder.Combine("artifacts")));
        }
        finally { Environment.CurrentDirectory = previous; }
    }

    [Fact]
    public void K8s_EmitsTheJobs_ForEveryTask_RelativeToTheWorkingFolder()
    {
        using var folder = new TempFolder();
        var path = WriteSweep(folder);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder.Path;
        try
        {
            var output = new StringWriter();

            int code = CommandLine.Run(["sweep", "run", path, "--executor", "k8s", "--emit", "k8s", "--image", "mlnetvision:test", "--max-parallel", "4"], output, output);

            Assert.True(code == 0, output.ToString());
            var job = KubernetesYaml.Deserialize<V1Job>(File.ReadAllText(folder.Combine("k8s", "sweep-tasks.yaml")));
            Assert.Equal((6, 4), (job.Spec.Completions, job.Spec.Parallelism));
            Assert.Contains("sweeps/lr.json", job.Spec.Template.Spec.Containers[0].Command);
            var compare = KubernetesYaml.Deserialize<V1Job>(File.ReadAllText(folder.Combine("k8s", "sweep-compare.yaml")));
            Assert.Contains("artifacts/sweeps/lr/tasks", compare.Spec.Template.Spec.Containers[0].Command);
            Assert.Contains("kubectl wait --for=condition=complete --timeout=-1s job/lr-tasks", output.ToString());
        }
        finally { Environment.CurrentDirectory = previous; }
    }

    [Fact]
    public void K8s_WithoutEmit_IsAnError()
    {
        using var folder = new TempFolder();
        var error = new StringWriter();

        int code = CommandLine.Run(["sweep", "run", WriteSweep(folder), "--executor", "k8s"], new StringWriter(), error);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("--executor k8s needs --emit DIR", error.ToString());
    }
}
