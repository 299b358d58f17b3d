using System.Diagnostics;
using System.Reflection;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Runs the plain-ML.NET consumer app (tests/MlNetVision.Consumer) in a fresh process.</summary>
public static class ConsumerProcess
{
    public static string AssemblyPath => typeof(ConsumerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConsumerAssembly").Value!;

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(entireProcessTree: true); throw new TimeoutException("consumer did not finish"); }
        return (process.ExitCode, output.Result, error.Result);
    }
}
