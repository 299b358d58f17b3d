namespace MlNetVision.Serving;

/// <summary>A per-process temporary folder for uploads (ML.NET's image loader reads files, not streams); deleted on dispose.</summary>
public sealed class UploadFolder : IDisposable
{
    private UploadFolder(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates a new, empty folder under the system's temp folder.</summary>
    public static UploadFolder Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mlnetvision-serving-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new UploadFolder(path);
    }

    /// <summary>A new unique file path in the folder, with <paramref name="extension"/>.</summary>
    public string NewFile(string extension) => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N") + extension);

    /// <summary>Deletes the folder and whatever is left in it.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
