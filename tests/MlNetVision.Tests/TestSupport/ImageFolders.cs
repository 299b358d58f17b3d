using Microsoft.ML.Data;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Writes small learnable image folders: each class a colour (plus seeded noise), images of mixed sizes.</summary>
public static class ImageFolders
{
    /// <summary>Writes <paramref name="perClass"/> PNGs per class under <paramref name="folder"/>/&lt;class&gt;/, sides drawn from
    /// [<paramref name="minSize"/>, <paramref name="maxSize"/>] (width and height apart).</summary>
    public static void WriteClasses(string folder, IReadOnlyList<string> classes, int perClass, int seed, int minSize = 12, int maxSize = 40)
    {
        var random = new Random(seed);
        for (int c = 0; c < classes.Count; c++)
            for (int i = 0; i < perClass; i++)
                WriteImage(Path.Combine(folder, classes[c], $"{i:000}.png"), random.Next(minSize, maxSize + 1), random.Next(minSize, maxSize + 1),
                    Colour(c, classes.Count), random);
    }

    /// <summary>A split layout: train/ and test/ (and val/ when <paramref name="validationPerClass"/> &gt; 0).</summary>
    public static void WriteSplit(string root, IReadOnlyList<string> classes, int trainPerClass, int testPerClass, int seed, int validationPerClass = 0)
    {
        WriteClasses(Path.Combine(root, "train"), classes, trainPerClass, seed);
        WriteClasses(Path.Combine(root, "test"), classes, testPerClass, seed + 1);
        if (validationPerClass > 0) WriteClasses(Path.Combine(root, "val"), classes, validationPerClass, seed + 2);
    }

    /// <summary>The class names <c>c000</c>, <c>c001</c>, ….</summary>
    public static string[] ClassNames(int count) => Enumerable.Range(0, count).Select(i => $"c{i:000}").ToArray();

    private static (byte R, byte G, byte B) Colour(int c, int count)
    {
        double hue = 6.0 * c / count;
        int sector = (int)hue % 6;
        byte rise = (byte)(255 * (hue - Math.Floor(hue))), fall = (byte)(255 - rise);
        return sector switch
        {
            0 => (255, rise, 0), 1 => (fall, 255, 0), 2 => (0, 255, rise), 3 => (0, fall, 255), 4 => (rise, 0, 255), _ => (255, 0, fall),
        };
    }

    private static void WriteImage(string path, int width, int height, (byte R, byte G, byte B) colour, Random random)
    {
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++)
        {
            int noise = random.Next(-20, 21);
            rgba[4 * p] = (byte)Math.Clamp(colour.R + noise, 0, 255);
            rgba[4 * p + 1] = (byte)Math.Clamp(colour.G + noise, 0, 255);
            rgba[4 * p + 2] = (byte)Math.Clamp(colour.B + noise, 0, 255);
            rgba[4 * p + 3] = 255;
        }
        using var image = MLImage.CreateFromPixels(width, height, MLPixelFormat.Rgba32, rgba);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        image.Save(path);
    }
}
