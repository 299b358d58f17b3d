namespace MlNetVision.Experiments.Sweeps;

/// <summary>How a <c>sweep run</c> ended.</summary>
/// <param name="Done">Tasks done at the end (run now or before).</param>
/// <param name="Failed">Tasks that failed in this run.</param>
/// <param name="Interrupted">Tasks interrupted in this run.</param>
/// <param name="Stopped">True when a signal stopped the run.</param>
public sealed record SweepRunResult(int Done, int Failed, int Interrupted, bool Stopped)
{
    /// <summary>The most failed tasks the exit code counts.</summary>
    public const int MaxExitCode = 100;

    /// <summary>The exit code: 130 when stopped by a signal, else the number of tasks that failed (or were interrupted from outside)
    /// in this run (0: all done), at most <see cref="MaxExitCode"/>.</summary>
    public int ExitCode => Stopped ? Running.ExitCodes.Interrupted : Math.Min(Failed + Interrupted, MaxExitCode);
}
