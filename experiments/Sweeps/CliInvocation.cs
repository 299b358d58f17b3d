namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// How a cluster job starts this CLI: the absolute path of the running CLI (its apphost, or <c>dotnet</c> and the
/// CLI's dll), or an override (<c>--cli</c>): a <c>.dll</c> is run with the dotnet host, anything else as an executable.
/// </summary>
public static class CliInvocation
{
    /// <summary>The command words that start this CLI, each an absolute path.</summary>
    public static IReadOnlyList<string> Resolve(string? overridePath = null)
    {
        if (overridePath is { Length: > 0 })
        {
            var path = Path.GetFullPath(overridePath);
            if (!File.Exists(path)) throw new Infrastructure.MlNetVisionException($"--cli {overridePath}: no such file.");
            return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [DotnetHost(), path] : [path];
        }
        var dll = typeof(CliInvocation).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(dll)!, Path.GetFileNameWithoutExtension(dll));
        return Environment.ProcessPath == apphost ? [apphost] : [DotnetHost(), dll];
    }

    /// <summary>The dotnet host running this process when it is one, else <c>dotnet</c> found on PATH (or the bare name).</summary>
    public static string DotnetHost()
    {
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        return ExecutableSearch.Find("dotnet") ?? "dotnet";
    }
}
