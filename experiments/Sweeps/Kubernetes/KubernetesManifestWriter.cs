using System.Text;
using System.Text.Json;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Sweeps.Kubernetes;

/// <summary>
/// The Kubernetes form of a sweep: an Indexed Job whose completion index is the task index
/// (<c>sweep task FILE --index $(JOB_COMPLETION_INDEX)</c>), and a plain Job that runs compare over the task folders, to
/// apply once the first has completed. Paths are written relative to the working folder, which the pods see at the
/// claim's mount path. A pod evicted or preempted (condition DisruptionTarget), or interrupted by SIGTERM (exit code
/// 130, after its checkpoint), does not count against the index's retries, so the index starts again and resumes.
/// </summary>
public static class KubernetesManifestWriter
{
    /// <summary>The task Job's file name.</summary>
    public const string TasksFile = "sweep-tasks.yaml";

    /// <summary>The compare Job's file name.</summary>
    public const string CompareFile = "sweep-compare.yaml";

    /// <summary>Writes both manifests into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(ClusterSweep sweep, KubernetesOptions options, string folder)
    {
        Directory.CreateDirectory(folder);
        var tasks = Path.Combine(folder, TasksFile);
        var compare = Path.Combine(folder, CompareFile);
        AtomicFile.WriteAllText(tasks, TasksJob(sweep, options));
        AtomicFile.WriteAllText(compare, CompareJob(sweep, options));
        return [tasks, compare];
    }

    /// <summary>The Indexed Job of the tasks.</summary>
    public static string TasksJob(ClusterSweep sweep, KubernetesOptions options)
    {
        var yaml = new StringBuilder();
        Header(yaml, JobName(sweep.Name, "tasks"), sweep.Name);
        yaml.Append("spec:\n");
        yaml.Append("  completionMode: Indexed\n");
        yaml.Append($"  completions: {sweep.TaskCount}\n");
        yaml.Append($"  parallelism: {Math.Min(options.MaxParallel ?? sweep.TaskCount, sweep.TaskCount)}\n");
        yaml.Append($"  backoffLimitPerIndex: {options.BackoffLimitPerIndex}\n");
        yaml.Append("  podFailurePolicy:\n");
        yaml.Append("    rules:\n");
        yaml.Append("    - action: Ignore\n");
        yaml.Append("      onPodConditions:\n");
        yaml.Append("      - type: DisruptionTarget\n");
        yaml.Append("    - action: Ignore\n");
        yaml.Append("      onExitCodes:\n");
        yaml.Append("        containerName: task\n");
        yaml.Append("        operator: In\n");
        yaml.Append($"        values: [{ExitCodes.Interrupted}]\n");
        var command = KubernetesOptions.Cli.Concat(["sweep", "task", Relative(sweep.SweepFile, sweep), "--index", "$(JOB_COMPLETION_INDEX)"]);
        PodTemplate(yaml, options, "task", command, withIndex: true);
        return yaml.ToString();
    }

    /// <summary>The compare Job, to apply after the tasks' Job completed.</summary>
    public static string CompareJob(ClusterSweep sweep, KubernetesOptions options)
    {
        var yaml = new StringBuilder();
        Header(yaml, JobName(sweep.Name, "compare"), sweep.Name);
        yaml.Append("spec:\n");
        yaml.Append("  backoffLimit: 2\n");
        var command = KubernetesOptions.Cli.Concat(["compare", "--runs", Relative(sweep.TasksFolder, sweep), "--output", Relative(sweep.ComparisonFolder, sweep)]);
        PodTemplate(yaml, options with { Cpus = null, Memory = null }, "compare", command, withIndex: false);
        return yaml.ToString();
    }

    /// <summary>A Job name: <c>&lt;sweep&gt;-&lt;suffix&gt;</c>, cut to Kubernetes' 63 characters.</summary>
    public static string JobName(string sweep, string suffix)
    {
        var head = sweep.Length + suffix.Length + 1 > 63 ? sweep[..(62 - suffix.Length)].TrimEnd('-') : sweep;
        return $"{head}-{suffix}";
    }

    private static void Header(StringBuilder yaml, string name, string sweep)
    {
        yaml.Append("apiVersion: batch/v1\n");
        yaml.Append("kind: Job\n");
        yaml.Append("metadata:\n");
        yaml.Append($"  name: {name}\n");
        yaml.Append("  labels:\n");
        yaml.Append("    app.kubernetes.io/name: mlnetvision\n");
        yaml.Append($"    mlnetvision/sweep: {Q(sweep)}\n");
    }

    private static void PodTemplate(StringBuilder yaml, KubernetesOptions options, string container, IEnumerable<string> command, bool withIndex)
    {
        yaml.Append("  template:\n");
        yaml.Append("    spec:\n");
        yaml.Append("      restartPolicy: Never\n");
        yaml.Append($"      terminationGracePeriodSeconds: {options.GraceSeconds}\n");
        yaml.Append("      containers:\n");
        yaml.Append($"      - name: {container}\n");
        yaml.Append($"        image: {Q(options.Image)}\n");
        yaml.Append($"        workingDir: {Q(options.MountPath)}\n");
        yaml.Append($"        command: [{string.Join(", ", command.Select(Q))}]\n");
        if (withIndex)
        {
            yaml.Append("        env:\n");
            yaml.Append("        - name: JOB_COMPLETION_INDEX\n");
            yaml.Append("          valueFrom:\n");
            yaml.Append("            fieldRef:\n");
            yaml.Append("              fieldPath: \"metadata.annotations['batch.kubernetes.io/job-completion-index']\"\n");
        }
        if (options.Cpus is not null || options.Memory is not null)
        {
            yaml.Append("        resources:\n");
            yaml.Append("          requests:\n");
            if (options.Cpus is { } cpus) yaml.Append($"            cpu: {Q(cpus)}\n");
            if (options.Memory is { } memory) yaml.Append($"            memory: {Q(memory)}\n");
        }
        yaml.Append("        volumeMounts:\n");
        yaml.Append("        - name: work\n");
        yaml.Append($"          mountPath: {Q(options.MountPath)}\n");
        yaml.Append("      volumes:\n");
        yaml.Append("      - name: work\n");
        yaml.Append("        persistentVolumeClaim:\n");
        yaml.Append($"          claimName: {Q(options.Claim)}\n");
    }

    private static string Relative(string path, ClusterSweep sweep)
    {
        var relative = Path.GetRelativePath(sweep.WorkingDirectory, path);
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            throw new MlNetVisionException($"{path} is outside the working folder {sweep.WorkingDirectory}, which is all the pods see (at the claim's mount path): run from a folder that holds the sweep file and its output.");
        return relative.Replace('\\', '/');
    }

    // A JSON string is a YAML double-quoted scalar: every value is written quoted, whatever it holds.
    private static string Q(string value) => JsonSerializer.Serialize(value);
}
