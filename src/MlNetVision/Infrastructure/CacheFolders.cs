namespace MlNetVision.Infrastructure;

/// <summary>Where MlNetVision keeps downloaded data, weights and patched native libraries.</summary>
internal static class CacheFolders
{
    /// <summary>Environment variable that overrides the cache root.</summary>
    public const string CacheVariable = "MLNETVISION_CACHE";

    /// <summary>
    /// <c>$MLNETVISION_CACHE</c>, else <c>$XDG_CACHE_HOME/mlnetvision</c>, else
    /// <c>~/.cache/mlnetvision</c> (on Windows, <c>%LOCALAPPDATA%\mlnetvision</c>).
    /// </summary>
    public static string Root
    {
        get
        {
            var explicitRoot = Environment.GetEnvironmentVariable(CacheVariable);
            if (!string.IsNullOrWhiteSpace(explicitRoot)) return Path.GetFullPath(explicitRoot);
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "mlnetvision");
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "mlnetvision");
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "mlnetvision");
        }
    }

    /// <summary>A sub-folder of <see cref="Root"/>, created if missing.</summary>
    public static string Get(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }
}
