using Microsoft.ML;
using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>
/// Reads an image folder laid out as <c>root/&lt;class&gt;/*.png|jpg|jpeg|bmp</c> into rows of
/// <c>ImagePath</c> + <c>Label</c>, to be fed through ML.NET's <c>LoadImages</c>. Classes are the
/// sub-folder names in ordinal order. Each file is decoded once (grayscale and RGBA images are accepted: ExtractPixels
/// takes their RGB channels; the check is <c>ImageFileCheck</c>), so an unreadable image is named here rather
/// than failing deep inside a pipeline.
/// </summary>
public static class ImageFolderReader
{
    /// <summary>The image path column.</summary>
    public const string ImagePathColumn = "ImagePath";

    /// <summary>Images larger than this many pixels are rejected before decoding (40 megapixels, about 160 MB decoded).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>One image file and its class.</summary>
    public sealed record Entry(string ImagePath, string Label);

    /// <summary>Lists and checks every image under <paramref name="root"/>.</summary>
    /// <exception cref="InvalidDatasetException">No class folders, an empty class folder, or an unreadable image.</exception>
    public static IReadOnlyList<Entry> Read(string root)
    {
        if (!Directory.Exists(root)) throw new InvalidDatasetException($"Image folder not found: {root}");
        var classFolders = Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (classFolders.Count == 0)
            throw new InvalidDatasetException($"{root} has no class folders: expected {root}/<class>/<image>.png|jpg.");
        var entries = new List<Entry>();
        foreach (var folder in classFolders)
        {
            var files = Directory.GetFiles(folder)
                .Where(ImageFileCheck.HasImageExtension)
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (files.Count == 0)
                throw new InvalidDatasetException($"Class folder {folder} has no images ({string.Join(", ", ImageFileCheck.Extensions)}).");
            foreach (var file in files)
            {
                if (ImageFileCheck.Problem(file, decode: true) is { } problem)
                    throw new InvalidDatasetException(ImageFileCheck.Describe(file, problem) + ".");
                entries.Add(new Entry(Path.GetFullPath(file), Path.GetFileName(folder)));
            }
        }
        return entries;
    }

    /// <summary>The class names, in the order <see cref="Read"/> assigns them.</summary>
    public static IReadOnlyList<string> ClassNames(IReadOnlyList<Entry> entries) =>
        entries.Select(e => e.Label).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();

    /// <summary>The entries as an <see cref="IDataView"/> with <c>ImagePath</c> and <c>Label</c>.</summary>
    public static IDataView ToDataView(MLContext mlContext, IReadOnlyList<Entry> entries) =>
        mlContext.Data.LoadFromEnumerable(entries.Select(e => new Row { ImagePath = e.ImagePath, Label = e.Label }));

    private sealed class Row
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = "";
    }
}
