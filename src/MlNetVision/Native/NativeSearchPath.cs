namespace MlNetVision.Native;

/// <summary>The folders .NET probes for native libraries of this application (deps.json folders, then the app folder).</summary>
internal static class NativeSearchPath
{
    public static IEnumerable<string> Folders()
    {
        var fromHost = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "";
        foreach (var folder in fromHost.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return folder;
        yield return AppContext.BaseDirectory;
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
    }

    public static string? Find(string fileName) =>
        Folders().Select(f => Path.Combine(f, fileName)).FirstOrDefault(File.Exists);
}
