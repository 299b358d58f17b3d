using System.Text;
using MlNetVision.Experiments.Running;

namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>
/// The two batch scripts of a sweep on Slurm. The array script runs task <c>$SLURM_ARRAY_TASK_ID</c> of the sweep as
/// one job step (<c>srun</c>), so that <c>scancel --signal=TERM</c> and the time-limit warning (<c>--signal=TERM@grace</c>)
/// reach the task itself, once; an interrupted task (exit code 130: checkpoint written) requeues its array element,
/// which starts over and resumes from the checkpoint. The batch shell ignores SIGTERM sent to it alone
/// (<c>scancel --batch</c>, or preemption, which signals the step too). The compare script runs after every array task
/// has ended (<c>afterany</c>, given at submission).
/// </summary>
public static class SlurmScriptWriter
{
    /// <summary>The folder of scripts and logs: <c>&lt;output&gt;/slurm</c>.</summary>
    public static string FolderOf(ClusterSweep sweep) => Path.Combine(sweep.OutputFolder, "slurm");

    /// <summary>The array job's script.</summary>
    public static string ArrayScript(ClusterSweep sweep, SlurmOptions options, IReadOnlyList<string> cli)
    {
        if (sweep.TaskCount < 1) throw new ArgumentException("a sweep without tasks has nothing to submit");
        var logs = FolderOf(sweep);
        var array = $"0-{sweep.TaskCount - 1}" + (options.MaxParallel is { } p ? $"%{p}" : "");
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append($"# The tasks of sweep {sweep.Name}: array element i runs `sweep task --index i` (written by `sweep run --executor slurm`).\n");
        script.Append($"#SBATCH --job-name={sweep.Name}\n");
        script.Append($"#SBATCH --array={array}\n");
        script.Append("#SBATCH --ntasks=1\n");
        Common(script, sweep, options);
        if (options.Time is { } time) script.Append($"#SBATCH --time={time}\n");
        if (options.CpusPerTask is { } cpus) script.Append($"#SBATCH --cpus-per-task={cpus}\n");
        if (options.Memory is { } memory) script.Append($"#SBATCH --mem={memory}\n");
        script.Append($"#SBATCH --output={Path.Combine(logs, "task-%a.out")}\n");
        script.Append("#SBATCH --open-mode=append\n");
        script.Append("#SBATCH --requeue\n");
        script.Append($"#SBATCH --signal=TERM@{options.GraceSeconds}\n");
        script.Append('\n');
        script.Append("task=\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n");
        script.Append("cpus=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        script.Append("echo \"slurm: task $task attempt $(( ${SLURM_RESTART_COUNT:-0} + 1 )) on $(hostname -s) started $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)\"\n");
        script.Append("trap 'echo \"slurm: SIGTERM to the batch shell alone is ignored; scancel --signal=TERM (no --batch) reaches the task\"' TERM\n");
        script.Append("srun --ntasks=1 --cpus-per-task=\"$cpus\" ");
        script.Append(ShellQuoting.Join([.. cli, "sweep", "task", sweep.SweepFile]));
        script.Append(" --index \"$SLURM_ARRAY_TASK_ID\" --threads \"$cpus\"\n");
        script.Append("code=$?\n");
        script.Append("echo \"slurm: task $task exited with code $code at $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)\"\n");
        script.Append($"if [ \"$code\" -eq {ExitCodes.Interrupted} ]; then\n");
        script.Append("  echo \"slurm: interrupted after a checkpoint: requeueing $task to resume it\"\n");
        script.Append("  scontrol requeue \"$task\"\n");
        script.Append("fi\n");
        script.Append("exit \"$code\"\n");
        return script.ToString();
    }

    /// <summary>The compare job's script (its dependency on the array job is given to sbatch at submission).</summary>
    public static string CompareScript(ClusterSweep sweep, SlurmOptions options, IReadOnlyList<string> cli)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append($"# Compares the runs of sweep {sweep.Name} once its tasks have ended (written by `sweep run --executor slurm`).\n");
        script.Append($"#SBATCH --job-name={sweep.Name}-compare\n");
        script.Append("#SBATCH --ntasks=1\n");
        Common(script, sweep, options);
        script.Append($"#SBATCH --output={Path.Combine(FolderOf(sweep), "compare.out")}\n");
        script.Append('\n');
        script.Append(ShellQuoting.Join([.. cli, "compare", "--runs", sweep.TasksFolder, "--output", sweep.ComparisonFolder]));
        script.Append('\n');
        return script.ToString();
    }

    private static void Common(StringBuilder script, ClusterSweep sweep, SlurmOptions options)
    {
        script.Append($"#SBATCH --chdir={sweep.WorkingDirectory}\n");
        if (options.Partition is { } partition) script.Append($"#SBATCH --partition={partition}\n");
        if (options.Account is { } account) script.Append($"#SBATCH --account={account}\n");
    }
}
