namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>
/// What Slurm says of a submitted sweep: the array elements <c>squeue</c> still lists, the finished ones from <c>sacct</c>
/// when the cluster keeps accounting, and the compare job's state.
/// </summary>
public sealed record SlurmStatus(IReadOnlyDictionary<int, SlurmTaskState> Tasks, string? CompareState, bool HasAccounting)
{
    /// <summary>Asks squeue (and sacct, when accounting is on) about <paramref name="submission"/>'s jobs.</summary>
    public static SlurmStatus Query(SlurmSubmission submission)
    {
        var jobs = $"{submission.ArrayJobId},{submission.CompareJobId}";
        var tasks = new Dictionary<int, SlurmTaskState>();
        string? compare = null;
        var accounting = false;
        if (SlurmCommand.Exists("sacct"))
        {
            var sacct = SlurmCommand.Run("sacct", "-n", "-P", "-X", "-j", jobs, "-o", "JobID,State,ExitCode");
            accounting = sacct.ExitCode == 0;
            if (accounting)
            {
                foreach (var (index, state) in SqueueOutput.Parse(sacct.Output, submission.ArrayJobId)) tasks[index] = state;
                compare = StateOf(sacct.Output, submission.CompareJobId) ?? compare;
            }
        }
        var squeue = SlurmCommand.Run("squeue", "-h", "-r", "-j", jobs, "-o", "%i|%T|%r");
        if (squeue.ExitCode == 0)
        {
            foreach (var (index, state) in SqueueOutput.Parse(squeue.Output, submission.ArrayJobId)) tasks[index] = state;
            compare = StateOf(squeue.Output, submission.CompareJobId) ?? compare;
        }
        return new SlurmStatus(tasks, compare, accounting);
    }

    private static string? StateOf(string output, string jobId) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|'))
            .Where(fields => fields.Length > 1 && fields[0] == jobId)
            .Select(fields => fields[1].Split(' ')[0])
            .LastOrDefault();
}
