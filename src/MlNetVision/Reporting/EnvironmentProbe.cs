using System.Diagnostics;
using System.Runtime.InteropServices;
using MlNetVision.Native;
using TorchSharp;

namespace MlNetVision.Reporting;

/// <summary>Describes the machine and software a run used.</summary>
public static class EnvironmentProbe
{
    /// <summary>The environment section of a report (loads libtorch if no model has yet, as for an ML.NET-only run).</summary>
    public static EnvironmentInfo Describe(string device)
    {
        TorchRuntime.EnsureLoaded();
        return new(
            Cpu: CpuModel(),
            LogicalCores: Environment.ProcessorCount,
            Threads: torch.get_num_threads(),
            Os: RuntimeInformation.OSDescription,
            Dotnet: RuntimeInformation.FrameworkDescription,
            TorchSharp: typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
            MlNet: typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString() ?? "?",
            Device: device,
            GitCommit: GitCommit());
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                WorkingDirectory = Environment.CurrentDirectory,
            });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            return git.ExitCode == 0 && output.Length == 40 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
