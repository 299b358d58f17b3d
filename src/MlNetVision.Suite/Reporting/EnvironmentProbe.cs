using System.Reflection;
using System.Runtime.InteropServices;
using MlNetVision.Native;
using TorchSharp;

namespace MlNetVision.Suite.Reporting;

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
            TorchSharp: Version(typeof(torch).Assembly),
            MlNet: Version(typeof(Microsoft.ML.MLContext).Assembly),
            Device: device,
            GitCommit: BuildCommit(InformationalVersion(typeof(EnvironmentProbe).Assembly)));
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

    /// <summary>
    /// The commit MlNetVision was built from: the SDK appends it to the assembly's informational version
    /// (<c>1.0.0+&lt;40 hex digits&gt;</c>) when it builds from a git checkout. Null when the build had no git information.
    /// Not the working directory's <c>HEAD</c>, which may have moved on since the build.
    /// </summary>
    internal static string? BuildCommit(string? informationalVersion)
    {
        int plus = informationalVersion?.IndexOf('+') ?? -1;
        if (plus < 0) return null;
        var commit = informationalVersion![(plus + 1)..];
        return commit.Length == 40 && commit.All(char.IsAsciiHexDigit) ? commit : null;
    }

    /// <summary>A package's own version (<c>5.0.1</c>), from its informational version without the commit suffix; else the assembly version.</summary>
    internal static string PackageVersion(string? informationalVersion, Version? assemblyVersion) =>
        informationalVersion is { Length: > 0 } v ? v.Split('+')[0] : assemblyVersion?.ToString() ?? "?";

    private static string? InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private static string Version(Assembly assembly) => PackageVersion(InformationalVersion(assembly), assembly.GetName().Version);
}
