namespace MlNetVision.Experiments.Sweeps;

/// <summary>The states of a sweep's task: <see cref="TaskRecord.State"/> as <c>sweep task</c> writes it, and as <c>sweep status</c> derives it.</summary>
public static class TaskStates
{
    /// <summary>No <c>task.json</c> yet: never started.</summary>
    public const string Pending = "pending";
    /// <summary>Started and not ended (a process that is gone without ending it counts as <see cref="Interrupted"/>).</summary>
    public const string Running = "running";
    /// <summary>Ended with a report (exit code 0); a later <c>sweep run</c> skips it.</summary>
    public const string Done = "done";
    /// <summary>Ended with an error (exit code 1 or 2, the error in <see cref="TaskRecord.Error"/>); a later <c>sweep run</c> runs it again.</summary>
    public const string Failed = "failed";
    /// <summary>Stopped by SIGINT/SIGTERM after a checkpoint (exit code 130), or its process vanished; a later <c>sweep run</c> resumes it.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Every state, in the order <c>sweep status</c> counts them.</summary>
    public static readonly IReadOnlyList<string> All = [Done, Running, Failed, Interrupted, Pending];
}
