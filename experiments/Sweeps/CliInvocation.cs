using System.Diagnostics;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>How to start this same CLI as a child process: its app host, or <c>dotnet</c> with its assembly (also when it runs inside another host, e.g. tests).</summary>
internal static class CliInvocation
{
    /// <summary>A start info for the CLI with <paramref name="args"/>.</summary>
    public static ProcessStartInfo For(IEnumerable<string> args)
    {
        var assembly = typeof(CliInvocation).Assembly.Location;
        var process = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(process);
        ProcessStartInfo start;
        if (name == Path.GetFileNameWithoutExtension(assembly)) start = new ProcessStartInfo(process);
        else
        {
            start = new ProcessStartInfo(name == "dotnet" ? process : "dotnet");
            start.ArgumentList.Add(assembly);
        }
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.UseShellExecute = false;
        return start;
    }
}
