using System.Diagnostics;

namespace MlNetVision.Tests.TestSupport;

/// <summary>A fact that is skipped when git is missing or the tests do not run from inside a git checkout.</summary>
public sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        if (Git.Run("rev-parse", "--git-dir") is not (0, _)) Skip = "needs git and a git checkout";
    }
}

/// <summary>Runs git in the test binaries' folder (inside the checkout they were built from).</summary>
public static class Git
{
    /// <summary>Exit code and trimmed standard output; exit code -1 when git cannot be started.</summary>
    public static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
        }
    }
}
