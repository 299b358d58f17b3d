using System.Diagnostics;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// A task's state as <c>sweep status</c> shows it: <see cref="TaskStates.Pending"/> without a record; a record that says
/// running is <see cref="TaskStates.Running"/> only while its process lives (on this host; on another host it is believed),
/// else <see cref="TaskStates.Interrupted"/> (killed, or the machine went down).
/// </summary>
public static class TaskStateProbe
{
    /// <summary>The derived state of a task whose record is <paramref name="record"/> (null: none).</summary>
    public static string StateOf(TaskRecord? record) => record switch
    {
        null => TaskStates.Pending,
        { State: TaskStates.Running } when record.Host == Environment.MachineName && !IsAlive(record.Pid) => TaskStates.Interrupted,
        _ => record.State,
    };

    /// <summary>True when <paramref name="record"/>'s attempt may still run: its process lives on this host, or it is on another host.</summary>
    public static bool IsStillRunning(TaskRecord record) => StateOf(record) == TaskStates.Running;

    /// <summary>True when a process <paramref name="pid"/> runs on this machine.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
