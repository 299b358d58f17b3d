using System.CommandLine;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Experiments.Sweeps.Slurm;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>sweep status FILE</c>: each task's state from its task.json (pending, running, done, failed, interrupted) and, for
/// a sweep submitted to Slurm, what squeue (and sacct, when the cluster keeps accounting) says of its array element.
/// </summary>
internal static class SweepStatusCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "The sweep file (JSON; see experiments/sweeps)." };
        var command = new Command("status", "Show each task's state and the counts; for a sweep submitted to Slurm, also what Slurm says.") { file };
        command.SetAction(parse =>
        {
            var sweep = SweepFileReader.Read(parse.GetValue(file)!);
            var submission = SlurmSubmission.Load(Path.Combine(sweep.Output, "slurm"));
            var slurm = submission is not null && SlurmCommand.Exists("squeue") ? SlurmStatus.Query(submission) : null;
            Write(output, sweep, submission, slurm);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The table, the counts and the Slurm jobs.</summary>
    public static void Write(TextWriter output, SweepFile sweep, SlurmSubmission? submission, SlurmStatus? slurm)
    {
        var rows = sweep.Tasks.Select(task =>
        {
            var record = TaskRecord.Read(sweep.TaskFolder(task));
            var state = TaskStateProbe.StateOf(record);
            var queued = slurm?.Tasks.GetValueOrDefault(task.Index);
            if (queued?.State == "RUNNING" && state is TaskStates.Pending or TaskStates.Interrupted) state = TaskStates.Running;
            var slurmColumn = queued is null ? "" : queued.Reason is { Length: > 0 } and not "None" ? $"{queued.State} ({queued.Reason})" : queued.State;
            return (task.Index, task.Id, State: state, Attempt: record?.Attempt.ToString() ?? "", Slurm: slurmColumn);
        }).ToList();
        int width = Math.Max(2, rows.Max(r => r.Id.Length));
        output.WriteLine($"sweep {sweep.Name}: {sweep.Output}");
        output.WriteLine($"{"index",5}  {"id".PadRight(width)}  {"state",-11}  {"attempt",7}{(submission is null ? "" : "  slurm")}");
        foreach (var row in rows)
            output.WriteLine($"{row.Index,5}  {row.Id.PadRight(width)}  {row.State,-11}  {row.Attempt,7}{(submission is null ? "" : "  " + row.Slurm)}".TrimEnd());
        output.WriteLine(string.Join(", ", rows.GroupBy(r => r.State).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")));
        if (submission is null) return;
        var compare = slurm?.CompareState ?? (slurm is null ? "unknown (squeue not found)" : "not in the queue");
        output.WriteLine($"slurm: array job {submission.ArrayJobId}, compare job {submission.CompareJobId}: {compare}" +
                         (slurm is { HasAccounting: false } ? "; no accounting on this cluster (sacct), so finished jobs are known from task.json only" : ""));
    }
}
