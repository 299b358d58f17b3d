using System.Diagnostics;

namespace MlNetVision.Tests.TestSupport;

/// <summary>
/// Installs Debian packages a test needs when they are missing, so that the README's test command works on a fresh
/// Debian machine on its own (`.ci/run` installs them too). Only as root with apt-get; otherwise nothing is tried and the
/// test's own check fails with the command to run.
/// </summary>
public static class DebianPackages
{
    private static readonly object Gate = new();

    /// <summary>Runs <c>apt-get install</c> of <paramref name="packages"/> unless <paramref name="probe"/> exists.</summary>
    public static void EnsureInstalled(string probe, params string[] packages)
    {
        lock (Gate)
        {
            if (File.Exists(probe) || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/apt-get")) return;
            Run("apt-get", "update", "-qq");
            Run("apt-get", ["install", "-y", "-qq", .. packages]);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) process.Kill(entireProcessTree: true);
        _ = output.Result + error.Result;
    }
}
