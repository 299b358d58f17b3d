using Microsoft.ML.Data;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>A few seeded random-colour PNGs of one size in a new temp folder, deleted on dispose.</summary>
public sealed class GeneratedImages : IDisposable
{
    private GeneratedImages(string folder, IReadOnlyList<string> paths)
    {
        Folder = folder;
        Paths = paths;
    }

    /// <summary>The temp folder holding the images.</summary>
    public string Folder { get; }

    /// <summary>The PNG files.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Writes <paramref name="count"/> <paramref name="size"/>×<paramref name="size"/> PNGs (blocks of random colours, seed 0).</summary>
    public static GeneratedImages Write(int size, int count = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var folder = Path.Combine(Path.GetTempPath(), $"mlnetvision-serve-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var random = new Random(0);
        var paths = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            int block = Math.Max(1, size / 4), blocks = (size + block - 1) / block;
            var colours = new byte[blocks * blocks * 3];
            random.NextBytes(colours);
            var rgba = new byte[size * size * 4];
            for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int c = ((y / block) * blocks + x / block) * 3, o = (y * size + x) * 4;
                rgba[o] = colours[c];
                rgba[o + 1] = colours[c + 1];
                rgba[o + 2] = colours[c + 2];
                rgba[o + 3] = 255;
            }
            var path = Path.Combine(folder, $"image-{i}.png");
            using (var image = MLImage.CreateFromPixels(size, size, MLPixelFormat.Rgba32, rgba)) image.Save(path);
            paths.Add(path);
        }
        return new GeneratedImages(folder, paths);
    }

    /// <summary>Deletes the folder.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
