using System.Diagnostics;
using System.Reflection;

namespace MlNetVision.Tests.Serving;

/// <summary>Runs the built serving app (src/MlNetVision.Serving) as its own process.</summary>
public static class ServingProcess
{
    public static string AssemblyPath => typeof(ServingProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ServingAssembly").Value!;

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(entireProcessTree: true); throw new TimeoutException("the serving app did not exit"); }
        return (process.ExitCode, output.Result, error.Result);
    }
}
