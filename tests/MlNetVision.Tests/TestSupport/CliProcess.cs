using System.Diagnostics;
using System.Text;

namespace MlNetVision.Tests.TestSupport;

/// <summary>The experiments CLI as a child process, for signal and exit-code tests.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly StringBuilder _output = new();

    public CliProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MlNetVision.Experiments.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Error { get { lock (_error) return _error.ToString(); } }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool WaitForError(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            if (Error.Contains(text)) return true;
            Thread.Sleep(50);
        }
        return Error.Contains(text);
    }

    public void Signal(string name)
    {
        using var kill = Process.Start("kill", $"-{name} {_process.Id}");
        kill.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) { _process.Kill(entireProcessTree: true); throw new TimeoutException($"CLI did not exit.\n{Error}"); }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
