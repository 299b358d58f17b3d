using System.Reflection;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// Finds <c>MlNetVision.Serving.dll</c> for <c>serve-bench</c>: <c>--app</c> when given, else src/MlNetVision.Serving's
/// build output for the CLI's configuration (the CLI's project builds it and records the path), else beside the CLI
/// (a folder the app was published or copied into).
/// </summary>
internal static class ServingAppLocator
{
    /// <summary>The app's file name.</summary>
    public const string FileName = "MlNetVision.Serving.dll";

    /// <summary>The places looked in when <c>--app</c> is not given, in order.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string>();
        var built = typeof(ServingAppLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ServingAssembly")?.Value;
        if (!string.IsNullOrEmpty(built)) candidates.Add(Path.GetFullPath(built));
        candidates.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        return candidates;
    }

    /// <summary>The app's path.</summary>
    /// <exception cref="MlNetVisionException"><paramref name="app"/> does not exist, or no candidate does.</exception>
    public static string Resolve(string? app)
    {
        if (app is not null)
            return File.Exists(app) ? Path.GetFullPath(app) : throw new MlNetVisionException($"--app {app}: file not found.");
        var candidates = Candidates();
        return candidates.FirstOrDefault(File.Exists) ?? throw new MlNetVisionException(
            $"{FileName} not found (looked at {string.Join(", ", candidates)}): build src/MlNetVision.Serving or pass --app PATH-TO-{FileName}.");
    }
}
