using Microsoft.ML.Data;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Writes small PNG files through ML.NET's own image type.</summary>
public static class TinyPng
{
    /// <summary>Writes a <paramref name="width"/>x<paramref name="height"/> PNG of one RGB colour.</summary>
    public static void Write(string path, int width, int height, byte r, byte g, byte b)
    {
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++) { rgba[4 * p] = r; rgba[4 * p + 1] = g; rgba[4 * p + 2] = b; rgba[4 * p + 3] = 255; }
        using var image = MLImage.CreateFromPixels(width, height, MLPixelFormat.Rgba32, rgba);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        image.Save(path);
    }
}
