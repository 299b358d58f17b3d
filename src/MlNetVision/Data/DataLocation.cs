using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>Where data sets live: <c>--data DIR</c>, else <c>$MLNETVISION_DATA</c>, else the user cache.</summary>
internal static class DataLocation
{
    /// <summary>Environment variable naming the data folder.</summary>
    public const string DataVariable = "MLNETVISION_DATA";

    /// <summary>The data root for an optional <c>--data</c> value.</summary>
    public static string ResolveRoot(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        var fromEnvironment = Environment.GetEnvironmentVariable(DataVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        return Path.Combine(CacheFolders.Root, "datasets");
    }

    /// <summary>
    /// The folder holding the CIFAR-10 <c>.bin</c> files: the root itself when it holds them
    /// (so <c>--data path/to/cifar-10-batches-bin</c> works), else <c>root/cifar-10-batches-bin</c>.
    /// </summary>
    public static string Cifar10Folder(string? option)
    {
        var root = ResolveRoot(option);
        return File.Exists(Path.Combine(root, Cifar10Format.TestFile)) ? root : Path.Combine(root, Cifar10Format.FolderName);
    }
}
