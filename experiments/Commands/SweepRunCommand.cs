using System.CommandLine;
using System.Runtime.InteropServices;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Kubernetes;
using MlNetVision.Experiments.Sweeps.Slurm;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>sweep run FILE [--executor local|slurm|k8s]</c>: runs the tasks here as child processes then compares them, or
/// submits the sweep as a Slurm job array and a dependent compare job, or writes Kubernetes Jobs (<c>--emit DIR</c>) for
/// teams without Slurm.
/// </summary>
internal static class SweepRunCommand
{
    /// <summary>The executors.</summary>
    public static readonly string[] Executors = ["local", "slurm", "k8s"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The sweep file (JSON; see experiments/sweeps)." };
        var executor = new Option<string>("--executor") { Description = "Where the tasks run: local (child processes on this machine), slurm (a job array, sbatch) or k8s (Job manifests, with --emit).", DefaultValueFactory = _ => "local" };
        executor.AcceptOnlyFromAmong(Executors);
        var parallel = new Option<int>("--parallel") { Description = "Tasks at a time (local executor; default 1); the physical cores are split between them.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "Threads per task (local executor; default: the physical cores / --parallel, at least 1)." };
        var partition = new Option<string?>("--partition") { Description = "slurm: the partition (sbatch --partition)." };
        var time = new Option<string?>("--time") { Description = "slurm: each task's time limit (sbatch --time, e.g. 02:00:00); SIGTERM comes --grace seconds before it." };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "slurm: CPUs per task, also the task's --threads (default 1); k8s: the pod's CPU request." };
        var memory = new Option<string?>("--mem") { Description = "slurm: memory per task (sbatch --mem, e.g. 8G); k8s: the pod's memory request (e.g. 8Gi)." };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "slurm: tasks running at once (--array=0-N%P); k8s: the Job's parallelism. Default: no limit." };
        var account = new Option<string?>("--account") { Description = "slurm: the account to charge (sbatch --account)." };
        var grace = new Option<int>("--grace") { Description = "slurm: seconds before the time limit that SIGTERM is sent (--signal=TERM@N); k8s: the pods' termination grace period.", DefaultValueFactory = _ => SlurmOptions.DefaultGraceSeconds };
        var cli = new Option<string?>("--cli") { Description = "slurm: the CLI the jobs run, as an absolute path valid on the compute nodes (a .dll runs with dotnet). Default: this CLI." };
        var emit = new Option<string?>("--emit") { Description = "k8s: the folder to write the Job manifests into." };
        var image = new Option<string>("--image") { Description = "k8s: the container image with the CLI in /app.", DefaultValueFactory = _ => KubernetesOptions.DefaultImage };
        var claim = new Option<string>("--claim") { Description = "k8s: the PersistentVolumeClaim holding this folder (data, sweep file, outputs).", DefaultValueFactory = _ => KubernetesOptions.DefaultClaim };
        var mount = new Option<string>("--mount") { Description = "k8s: where the claim is mounted in the pods (their working folder).", DefaultValueFactory = _ => KubernetesOptions.DefaultMountPath };
        foreach (var option in new Option[] { parallel, threads, cpus, maxParallel })
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<object>() is int n && n < 1) result.AddError($"{result.Option.Name} must be at least 1.");
            });
        grace.Validators.Add(result => { if (result.GetValueOrDefault<int>() < 1) result.AddError("--grace must be at least 1 second."); });
        var command = new Command("run", "Run the sweep's tasks that are not done (resuming interrupted ones from their checkpoints), then compare them into <output>/comparison: " +
                                         "here (--executor local; exit code: the number of tasks that did not end done, at most 100, 130 when stopped by a signal), " +
                                         "on Slurm (--executor slurm: a job array and an afterany compare job), or as Kubernetes Jobs (--executor k8s --emit DIR).")
        {
            file, executor, parallel, threads, partition, time, cpus, memory, maxParallel, account, grace, cli, emit, image, claim, mount,
        };
        command.SetAction(parse =>
        {
            var sweep = SweepFileReader.Read(parse.GetValue(file)!);
            switch (parse.GetValue(executor))
            {
                case "slurm":
                    var options = new SlurmOptions(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus), parse.GetValue(memory),
                        parse.GetValue(maxParallel), parse.GetValue(account), parse.GetValue(grace));
                    return SubmitToSlurm(sweep, options, CliInvocation.Resolve(parse.GetValue(cli)), output);
                case "k8s":
                    var folder = parse.GetValue(emit) ?? throw new MlNetVisionException("--executor k8s needs --emit DIR: the folder to write the Job manifests into.");
                    var k8s = new KubernetesOptions(parse.GetValue(image)!, parse.GetValue(claim)!, parse.GetValue(mount)!, parse.GetValue(maxParallel),
                        parse.GetValue(cpus)?.ToString(System.Globalization.CultureInfo.InvariantCulture), parse.GetValue(memory), parse.GetValue(grace));
                    return EmitKubernetes(sweep, k8s, folder, output);
                default:
                    return RunLocally(sweep, parse.GetValue(parallel), parse.GetValue(threads), output, error);
            }
        });
        return command;
    }

    private static int RunLocally(SweepFile sweep, int parallel, int? threads, TextWriter output, TextWriter error)
    {
        var local = new LocalExecutor(output);
        var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            error.WriteLine($"{context.Signal}: stopping: no new tasks; the running ones checkpoint and end interrupted (send it again to make them quit at once).");
            local.Stop();
        })).ToList();
        SweepRunResult result;
        try { result = local.Run(sweep, parallel, threads); }
        finally { foreach (var registration in registrations) registration.Dispose(); }
        if (!result.Stopped) SweepCommand.CompareTasks(sweep, output);
        return result.ExitCode;
    }

    private static int SubmitToSlurm(SweepFile sweep, SlurmOptions options, IReadOnlyList<string> cli, TextWriter output)
    {
        if (!SlurmCommand.Exists("sbatch")) throw SlurmCommand.Missing("sbatch");
        SweepPlan.Record(sweep);
        var submission = SlurmExecutor.Submit(ClusterSweep.Of(sweep, Environment.CurrentDirectory), options, cli);
        var limit = options.MaxParallel is { } p ? $", at most {p} at once" : "";
        output.WriteLine($"submitted sweep {sweep.Name}: array job {submission.ArrayJobId} (tasks 0-{sweep.Tasks.Count - 1}{limit}), compare job {submission.CompareJobId} (afterany:{submission.ArrayJobId})");
        output.WriteLine($"scripts: {submission.ArrayScript}, {submission.CompareScript}; logs beside them");
        output.WriteLine($"follow it with: sweep status {sweep.Path}");
        return ExitCodes.Success;
    }

    private static int EmitKubernetes(SweepFile sweep, KubernetesOptions options, string folder, TextWriter output)
    {
        var files = KubernetesManifestWriter.Write(ClusterSweep.Of(sweep, Environment.CurrentDirectory), options, Path.GetFullPath(folder));
        foreach (var path in files) output.WriteLine(path);
        var tasks = KubernetesManifestWriter.JobName(sweep.Name, "tasks");
        output.WriteLine($"apply with: kubectl apply -f {files[0]} && kubectl wait --for=condition=complete --timeout=-1s job/{tasks} && kubectl apply -f {files[1]}");
        return ExitCodes.Success;
    }
}
