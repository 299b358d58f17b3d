using System.Diagnostics;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>One task running as a child <c>sweep task</c> process, its output appended to <see cref="LogFile"/> in the task folder.</summary>
internal sealed class TaskProcess : IDisposable
{
    /// <summary>The task log's file name in the task folder.</summary>
    public const string LogFile = "task.log";

    private readonly Process _process;
    private readonly StreamWriter _log;

    private TaskProcess(SweepTask task, Process process, StreamWriter log)
    {
        Task = task;
        _process = process;
        _log = log;
        Started = Stopwatch.StartNew();
    }

    /// <summary>The task.</summary>
    public SweepTask Task { get; }

    /// <summary>Time since the start.</summary>
    public Stopwatch Started { get; }

    /// <summary>True once the process has ended and its output is written.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The child's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>sweep task FILE --index I --threads T --ignore-sigint</c> for <paramref name="task"/>.</summary>
    public static TaskProcess Start(SweepFile sweep, SweepTask task, int threads)
    {
        var folder = sweep.TaskFolder(task);
        Directory.CreateDirectory(folder);
        var log = new StreamWriter(Path.Combine(folder, LogFile), append: true) { AutoFlush = true };
        var start = CliInvocation.For(["sweep", "task", sweep.Path, "--index", task.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ignore-sigint"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        void Append(string? line) { if (line is not null) lock (log) log.WriteLine(line); }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new TaskProcess(task, process, log);
    }

    /// <summary>Sends SIGTERM: the task checkpoints and ends interrupted (a second one ends it at once).</summary>
    public void Terminate()
    {
        if (!_process.HasExited) ProcessSignals.Terminate(_process.Id);
    }

    /// <summary>Waits until the process has ended and its output is flushed.</summary>
    public void WaitForExit() => _process.WaitForExit();

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
