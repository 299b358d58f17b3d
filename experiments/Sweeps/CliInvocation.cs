using System.Diagnostics;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// How to start this same CLI: its app host, or the dotnet host with its assembly (also when it runs inside another host,
/// e.g. tests), each as an absolute path — for child processes here and for cluster jobs, which may override it
/// (<c>--cli</c>: a <c>.dll</c> is run with the dotnet host, anything else as an executable).
/// </summary>
public static class CliInvocation
{
    /// <summary>A start info for the CLI with <paramref name="args"/>.</summary>
    public static ProcessStartInfo For(IEnumerable<string> args)
    {
        var words = Resolve();
        var start = new ProcessStartInfo(words[0]) { UseShellExecute = false };
        foreach (var word in words.Skip(1).Concat(args)) start.ArgumentList.Add(word);
        return start;
    }

    /// <summary>The command words that start this CLI (or <paramref name="overridePath"/>), each an absolute path.</summary>
    public static IReadOnlyList<string> Resolve(string? overridePath = null)
    {
        if (overridePath is { Length: > 0 })
        {
            var path = Path.GetFullPath(overridePath);
            if (!File.Exists(path)) throw new Infrastructure.MlNetVisionException($"--cli {overridePath}: no such file.");
            return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [DotnetHost(), path] : [path];
        }
        var dll = typeof(CliInvocation).Assembly.Location;
        var process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == Path.GetFileNameWithoutExtension(dll) ? [process] : [DotnetHost(), dll];
    }

    /// <summary>The dotnet host running this process when it is one, else <c>$DOTNET_HOST_PATH</c>, else <c>dotnet</c> found on PATH (or the bare name).</summary>
    public static string DotnetHost()
    {
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        return ExecutableSearch.Find("dotnet") ?? "dotnet";
    }
}
