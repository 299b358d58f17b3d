using System.CommandLine;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>sweep status FILE</c>: each task's state from its task.json (<see cref="SweepStatusTable"/>) and, for a sweep
/// submitted to Slurm, what squeue (and sacct, when the cluster keeps accounting) says of its jobs.
/// </summary>
internal static class SweepStatusCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "The sweep file (JSON; see experiments/sweeps)." };
        var command = new Command("status", "Show each task's state (pending, running, done, failed, interrupted), attempt, time and accuracy, and the counts; " +
                                            "for a sweep submitted to Slurm, also what squeue/sacct say of its jobs.") { file };
        command.SetAction(parse =>
        {
            var sweep = SweepFileReader.Read(parse.GetValue(file)!);
            output.Write(SweepStatusTable.Render(sweep));
            if (SlurmSubmission.Load(Path.Combine(sweep.Output, "slurm")) is { } submission)
                WriteSlurm(output, sweep, submission, SlurmCommand.Exists("squeue") ? SlurmStatus.Query(submission) : null);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The Slurm jobs' lines: the array and compare jobs, then each array element Slurm still knows of.</summary>
    public static void WriteSlurm(TextWriter output, SweepFile sweep, SlurmSubmission submission, SlurmStatus? slurm)
    {
        var compare = slurm is null ? "unknown (squeue not found)" : slurm.CompareState ?? "not in the queue";
        output.WriteLine($"slurm: array job {submission.ArrayJobId}, compare job {submission.CompareJobId}: {compare}" +
                         (slurm is { HasAccounting: false } ? "; no accounting on this cluster (sacct), so finished tasks are known from their task.json only" : ""));
        foreach (var task in slurm?.Tasks.Values ?? [])
        {
            var id = task.Index < sweep.Tasks.Count ? sweep.Tasks[task.Index].Id : "?";
            var reason = task.Reason is { Length: > 0 } and not "None" ? $" ({task.Reason})" : "";
            output.WriteLine($"  {task.JobId}  {id}  {task.State}{reason}");
        }
    }
}
