using MlNetVision.Data;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// The image files behind <c>predict</c>'s arguments: a file stands for itself (whatever its extension; its header
/// is checked later), a folder for every image in it and its subfolders (.png, .jpg, .jpeg, .bmp in any case), in
/// ordinal order of their paths.
/// </summary>
internal static class PredictInputs
{
    /// <summary>How many skipped file names a folder's note lists.</summary>
    private const int Examples = 3;

    /// <summary>
    /// Expands <paramref name="arguments"/> in their order; writes one line to <paramref name="error"/> for each folder
    /// holding files that are not images (skipped).
    /// </summary>
    /// <exception cref="MlNetVisionException">An argument that does not exist, or a folder without images.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, TextWriter error)
    {
        var images = new List<string>();
        foreach (var argument in arguments)
        {
            if (File.Exists(argument)) images.Add(argument);
            else if (Directory.Exists(argument)) images.AddRange(Folder(argument, error));
            else throw new MlNetVisionException($"Image or folder not found: {argument}");
        }
        return images;
    }

    private static List<string> Folder(string folder, TextWriter error)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var images = files.Where(ImageFileCheck.HasImageExtension).ToList();
        if (images.Count == 0)
            throw new MlNetVisionException($"{folder} has no images ({string.Join(", ", ImageFileCheck.Extensions)}) in it or its subfolders.");
        var others = files.Where(f => !ImageFileCheck.HasImageExtension(f)).ToList();
        if (others.Count > 0)
        {
            var examples = string.Join(", ", others.Take(Examples).Select(f => Path.GetRelativePath(folder, f)));
            error.WriteLine($"skipped {others.Count} non-image file{(others.Count == 1 ? "" : "s")} in {folder} (e.g. {examples})");
        }
        return images;
    }
}
