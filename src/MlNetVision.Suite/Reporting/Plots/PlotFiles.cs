using MlNetVision.Infrastructure;
using OxyPlot;

namespace MlNetVision.Suite.Reporting.Plots;

/// <summary>Writes OxyPlot models as PNG files (SkiaSharp renderer), atomically.</summary>
public static class PlotFiles
{
    /// <summary>Default width in pixels.</summary>
    public const int Width = 1000;

    /// <summary>Default height in pixels.</summary>
    public const int Height = 640;

    /// <summary>Renders <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static void WritePng(PlotModel model, string path, int width = Width, int height = Height)
    {
        model.Background = OxyColors.White;
        var exporter = new OxyPlot.SkiaSharp.PngExporter { Width = width, Height = height };
        AtomicFile.Write(path, stream => exporter.Export(model, stream));
    }

    /// <summary>A file-name-safe version of a run label.</summary>
    public static string Slug(string label) =>
        new string(label.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
}
