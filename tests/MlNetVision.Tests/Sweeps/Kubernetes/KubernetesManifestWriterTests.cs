using k8s;
using k8s.Models;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Kubernetes;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps.Kubernetes;

/// <summary>The manifests are read back with KubernetesClient's models (no cluster here: they are never applied).</summary>
public class KubernetesManifestWriterTests
{
    private static readonly ClusterSweep Sweep = new("lr-study", "/home/me/sweeps/lr.json", "/home/me/artifacts/sweeps/lr-study", 6, "/home/me");

    [Fact]
    public void TasksJob_IsAnIndexedJob_WhoseCompletionIndexIsTheTaskIndex()
    {
        var job = KubernetesYaml.Deserialize<V1Job>(
            KubernetesManifestWriter.TasksJob(Sweep, new KubernetesOptions(Image: "registry.example/mlnetvision:1.2", MaxParallel: 2, Cpus: "2", Memory: "4Gi", GraceSeconds: 200)));

        Assert.Equal(("batch/v1", "Job", "lr-study-tasks"), (job.ApiVersion, job.Kind, job.Metadata.Name));
        Assert.Equal(("Indexed", 6, 2), (job.Spec.CompletionMode, job.Spec.Completions, job.Spec.Parallelism));
        var pod = job.Spec.Template.Spec;
        Assert.Equal(("Never", 200L), (pod.RestartPolicy, pod.TerminationGracePeriodSeconds));
        var container = Assert.Single(pod.Containers);
        Assert.Equal("registry.example/mlnetvision:1.2", container.Image);
        Assert.Equal(["dotnet", "/app/MlNetVision.Experiments.dll", "sweep", "task", "sweeps/lr.json", "--index", "$(JOB_COMPLETION_INDEX)"], container.Command);
        var index = Assert.Single(container.Env);
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", index.ValueFrom.FieldRef.FieldPath);
        Assert.Equal("2", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("4Gi", container.Resources.Requests["memory"].ToString());
        Assert.Equal(("work", "/work"), (container.VolumeMounts[0].Name, container.VolumeMounts[0].MountPath));
        Assert.Equal(("/work", KubernetesOptions.DefaultClaim), (container.WorkingDir, pod.Volumes[0].PersistentVolumeClaim.ClaimName));
        var interrupted = job.Spec.PodFailurePolicy.Rules.Single(r => r.OnExitCodes is not null);
        Assert.Equal(("Ignore", "task", 130), (interrupted.Action, interrupted.OnExitCodes.ContainerName, Assert.Single(interrupted.OnExitCodes.Values)));
        Assert.Contains(job.Spec.PodFailurePolicy.Rules, r => r.Action == "Ignore" && r.OnPodConditions?.Single().Type == "DisruptionTarget");
    }

    [Fact]
    public void CompareJob_ComparesTheTaskFolders()
    {
        var job = KubernetesYaml.Deserialize<V1Job>(KubernetesManifestWriter.CompareJob(Sweep, new KubernetesOptions(Cpus: "8")));

        Assert.Equal("lr-study-compare", job.Metadata.Name);
        Assert.Null(job.Spec.CompletionMode);
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal(["dotnet", "/app/MlNetVision.Experiments.dll", "compare", "--runs", "artifacts/sweeps/lr-study/tasks", "--output", "artifacts/sweeps/lr-study/comparison"], container.Command);
        Assert.Null(container.Resources);
    }

    [Fact]
    public void Write_WritesBothFiles_WhichParseAsJobs()
    {
        using var folder = new TempFolder();

        var files = KubernetesManifestWriter.Write(Sweep, new KubernetesOptions(), folder.Combine("k8s"));

        Assert.Equal([KubernetesManifestWriter.TasksFile, KubernetesManifestWriter.CompareFile], files.Select(Path.GetFileName));
        Assert.All(files, f => Assert.IsType<V1Job>(Assert.Single(KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))));
    }

    [Fact]
    public void TasksJob_SweepFileOutsideTheWorkingFolder_IsAnError()
    {
        var error = Assert.Throws<MlNetVisionException>(() => KubernetesManifestWriter.TasksJob(Sweep with { SweepFile = "/srv/elsewhere/lr.json" }, new KubernetesOptions()));

        Assert.Contains("outside the working folder /home/me", error.Message);
    }

    [Fact]
    public void JobName_IsCutToKubernetesLimit()
    {
        var name = KubernetesManifestWriter.JobName(new string('a', 70), "compare");

        Assert.Equal(63, name.Length);
        Assert.EndsWith("-compare", name);
    }
}
