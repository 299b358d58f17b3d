using System.Text.Json;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Tests.TestSupport;

/// <summary>
/// A run folder written by hand for the HTML report tests: <c>report.json</c> of a two-class run and, unless left out, the
/// optional files beside it in the other helper's contract — <c>predictions.json</c> (20 test images), <c>gallery.json</c>
/// (<see cref="GalleryImages"/> thumbnails: every mistake and two correct per class) and <c>augmentation.json</c> (2 rows
/// of an original and 3 views).
/// </summary>
public static class HandMadeRunFolder
{
    /// <summary>Thumbnails in the gallery written by <see cref="Write"/>.</summary>
    public const int GalleryImages = 8;

    /// <summary>Test images whose prediction is wrong in <see cref="Write"/>'s predictions (accuracy 0.8 → 2 of 10 per class).</summary>
    public const int Mistakes = 4;

    /// <summary>Writes the folder; returns its report.</summary>
    public static RunReport Write(string folder, RunReport? report = null, bool predictions = true, bool gallery = true, bool augmentation = true)
    {
        report ??= HandMadeReports.Create("simple-cnn", 0.8);
        Directory.CreateDirectory(folder);
        ReportJson.Write(report, Path.Combine(folder, "report.json"));
        // 10 images per class; in each class the last two are predicted as the other class, with rising confidence
        var items = Enumerable.Range(0, 20).Select(i =>
        {
            int label = i / 10, other = 1 - label;
            bool wrong = i % 10 >= 8;
            double confidence = wrong ? 0.6 + 0.1 * (i % 10 - 8) + 0.05 * label : 0.9;
            return new { i, source = $"test/{(label == 0 ? "cat" : "dog")}/{i}.png", label, top = new[] { new double[] { wrong ? other : label, confidence }, [wrong ? label : other, 1 - confidence] } };
        }).ToList();
        if (predictions)
            Json(Path.Combine(folder, "predictions.json"), new { schemaVersion = 1, classes = report.Metrics.Classes, items });
        if (gallery)
        {
            var chosen = items.Where(x => x.i % 10 >= 8).Concat(items.Where(x => x.i % 10 < 2)).Select(x => x.i).ToList();
            Json(Path.Combine(folder, "gallery.json"), new { schemaVersion = 1, size = 16, images = chosen.Select(i => new { i, png = Png(16, (byte)(i * 12)) }) });
        }
        if (augmentation)
            Json(Path.Combine(folder, "augmentation.json"), new
            {
                schemaVersion = 1, size = 16, augmentation = "flip,crop:pad=4",
                rows = Enumerable.Range(0, 2).Select(r => new { original = Png(16, (byte)(40 * r)), views = Enumerable.Range(1, 3).Select(v => Png(16, (byte)(40 * r + 10 * v))) }),
            });
        return report;
    }

    /// <summary>A <paramref name="size"/>-px square PNG of one grey level, base64.</summary>
    public static string Png(int size, byte level)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlnetvision-png-{Guid.NewGuid():N}.png");
        try
        {
            TinyPng.Write(path, size, size, level, (byte)(255 - level), 128);
            return Convert.ToBase64String(File.ReadAllBytes(path));
        }
        finally { File.Delete(path); }
    }

    private static void Json(string path, object value) => File.WriteAllText(path, JsonSerializer.Serialize(value));
}
