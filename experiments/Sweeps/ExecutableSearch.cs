namespace MlNetVision.Experiments.Sweeps;

/// <summary>Finds a command on PATH, as a shell would.</summary>
public static class ExecutableSearch
{
    /// <summary>The absolute path of <paramref name="name"/> in the first PATH folder that has it, or null.</summary>
    public static string? Find(string name, string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
