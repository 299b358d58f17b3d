using System.Diagnostics;
using System.Globalization;
using MlNetVision.Native;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// <c>sweep run FILE --executor local --parallel P</c>: runs the tasks that are not done, P at a time, each as a child
/// <c>sweep task</c> process with the cores split between them; one line per task start and end with the counts and the
/// elapsed time. <see cref="Stop"/> (the command's SIGINT/SIGTERM) starts no more tasks and forwards SIGTERM to the running
/// ones, which checkpoint and end interrupted; a second <see cref="Stop"/> forwards a second SIGTERM (they quit at once).
/// </summary>
public sealed class LocalExecutor(TextWriter output)
{
    private readonly List<TaskProcess> _running = [];
    private int _stops;

    /// <summary>How often the loop looks at its children.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Stops the run: no new tasks; SIGTERM to every running task.</summary>
    public void Stop()
    {
        Interlocked.Increment(ref _stops);
        lock (_running)
            foreach (var child in _running) child.Terminate();
    }

    /// <summary>Runs the tasks of <paramref name="sweep"/> that are not done; <paramref name="threads"/> per task (default: the physical cores / <paramref name="parallel"/>).</summary>
    public SweepRunResult Run(SweepFile sweep, int parallel, int? threads)
    {
        var clock = Stopwatch.StartNew();
        SweepPlan.Record(sweep);
        int perTask = threads ?? Math.Max(1, PhysicalCores.Count / parallel);
        var states = sweep.Tasks.Select(t => TaskStateProbe.StateOf(TaskRecord.Read(sweep.TaskFolder(t)))).ToList();
        var queue = new Queue<SweepTask>(sweep.Tasks.Where(t => states[t.Index] is TaskStates.Pending or TaskStates.Failed or TaskStates.Interrupted));
        int done = states.Count(s => s == TaskStates.Done), failed = 0, interrupted = 0;
        int elsewhere = states.Count(s => s == TaskStates.Running);
        output.WriteLine($"sweep {sweep.Name}: {sweep.Tasks.Count} task{(sweep.Tasks.Count == 1 ? "" : "s")}, {done} done, {queue.Count} to run" +
                         (elsewhere > 0 ? $", {elsewhere} running elsewhere (left alone)" : "") +
                         $"; {parallel} at a time, {perTask} thread{(perTask == 1 ? "" : "s")} each; logs in {sweep.TasksFolder}/<id>/{TaskProcess.LogFile}");
        string Counts() => $"running {_running.Count}, done {done}, failed {failed}{(interrupted > 0 ? $", interrupted {interrupted}" : "")}, waiting {queue.Count}";
        void Line(string what) => output.WriteLine($"[{Elapsed(clock.Elapsed)}] {what} ({Counts()})");

        while (true)
        {
            while (Volatile.Read(ref _stops) == 0 && _running.Count < parallel && queue.Count > 0)
            {
                var task = queue.Dequeue();
                var child = TaskProcess.Start(sweep, task, perTask);
                lock (_running) _running.Add(child);
                if (Volatile.Read(ref _stops) > 0) child.Terminate();   // a signal between the check and the start
                Line($"start  {task.Index} {task.Id}");
            }
            if (_running.Count == 0) break;
            Thread.Sleep(Poll);
            foreach (var child in _running.Where(c => c.HasExited).ToList())
            {
                child.WaitForExit();
                lock (_running) _running.Remove(child);
                var folder = sweep.TaskFolder(child.Task);
                var record = TaskRecord.Read(folder);
                if (record is { State: TaskStates.Running } && record.Pid != child.Pid && TaskStateProbe.IsStillRunning(record))
                {
                    // another sweep run (or a hand-started sweep task) had the task: the child refused it; leave it alone
                    Line($"skip   {child.Task.Index} {child.Task.Id}: running elsewhere (pid {record.Pid} on {record.Host})");
                    child.Dispose();
                    continue;
                }
                if (record is null || record.State == TaskStates.Running)
                {
                    // the process ended without recording its end (killed, crashed, or refused to start): a failure
                    record = new TaskRecord
                    {
                        Id = child.Task.Id, Index = child.Task.Index, State = TaskStates.Failed, Attempt = record?.Attempt ?? 1, Host = Environment.MachineName,
                        Pid = record?.Pid ?? 0, StartedUtc = record?.StartedUtc ?? DateTime.UtcNow - child.Started.Elapsed, EndedUtc = DateTime.UtcNow,
                        ExitCode = child.ExitCode, Error = $"the task ended with exit code {child.ExitCode} without recording its end (see {TaskProcess.LogFile})",
                    };
                    record.Write(folder);
                }
                var time = Elapsed(child.Started.Elapsed);
                switch (record.State)
                {
                    case TaskStates.Done:
                        done++;
                        Line($"done   {child.Task.Index} {child.Task.Id} in {time}{Accuracy(folder)}");
                        break;
                    case TaskStates.Interrupted:
                        interrupted++;
                        Line($"interrupted {child.Task.Index} {child.Task.Id} after {time} (checkpoint kept)");
                        break;
                    default:
                        failed++;
                        Line($"failed {child.Task.Index} {child.Task.Id} in {time}, exit {record.ExitCode}: {record.Error} (log: {Path.Combine(folder, TaskProcess.LogFile)})");
                        break;
                }
                child.Dispose();
            }
        }
        bool stopped = Volatile.Read(ref _stops) > 0;
        output.WriteLine($"sweep {sweep.Name}: {done} of {sweep.Tasks.Count} done, {failed} failed" +
                         (interrupted > 0 ? $", {interrupted} interrupted" : "") + $" in {Elapsed(clock.Elapsed)}" +
                         (stopped || interrupted > 0 ? "; run the same command again to resume" : ""));
        return new SweepRunResult(done, failed, interrupted, stopped);
    }

    private static string Accuracy(string folder)
    {
        var path = Path.Combine(folder, Running.RunFolder.ReportFile);
        if (!File.Exists(path)) return "";
        try { return $", accuracy {ReportJson.Read(path).Metrics.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture)}"; }
        catch (Infrastructure.MlNetVisionException) { return ""; }
    }

    private static string Elapsed(TimeSpan time) => $"{(int)time.TotalHours}:{time:mm\\:ss}";
}
