using MlNetVision.Suite.Reporting.Artifacts;
using System.Globalization;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// Thumbnails of test images from <c>gallery.json</c>, labelled from <c>predictions.json</c>: the misclassified ones first,
/// the most confident mistakes leading, then the correct ones grouped by class; each with its true and predicted class
/// and the three most probable classes.
/// </summary>
public static class GallerySection
{
    /// <summary>At most this many thumbnails are shown (the file stays small).</summary>
    public const int MaxImages = 240;

    /// <summary>Appends the section.</summary>
    public static void Append(HtmlBuilder h, RunPageInput input)
    {
        h.Open("section", ("id", "gallery")).Element("h2", "Test images: mistakes and correct ones");
        var gallery = input.Artifacts.Gallery;
        if (gallery is null || gallery.Images.Count == 0)
        {
            h.Element("p", $"Gallery not recorded in this run ({GalleryFile.FileName} is missing).", ("class", "missing")).Close("section");
            return;
        }
        var predictions = input.Artifacts.Predictions?.Items.GroupBy(p => p.I).ToDictionary(g => g.Key, g => g.First());
        var classes = input.Artifacts.Predictions?.Classes ?? input.Report.Metrics.Classes;
        var shown = gallery.Images
            .Select(image => (Image: image, Prediction: predictions?.GetValueOrDefault(image.I)))
            .OrderBy(x => x.Prediction is null ? 2 : x.Prediction.Correct ? 1 : 0)
            .ThenBy(x => x.Prediction is { Correct: true } p ? p.Label : 0)
            .ThenByDescending(x => x.Prediction?.Confidence ?? 0)
            .Take(MaxImages)
            .ToList();
        if (predictions is null) h.Element("p", $"Predictions not recorded in this run ({PredictionsFile.FileName} is missing): images shown without labels.", ("class", "missing"));
        int mistakes = shown.Count(x => x.Prediction is { Correct: false });
        h.Element("p", $"{mistakes} misclassified (most confident first), then {shown.Count(x => x.Prediction is { Correct: true })} classified correctly, by class.", ("class", "note"));
        h.Open("div", ("class", "gallery"));
        foreach (var (image, prediction) in shown) Figure(h, image, prediction, classes);
        h.Close("div").Close("section");
    }

    private static void Figure(HtmlBuilder h, GalleryImage image, PredictionItem? prediction, IReadOnlyList<string> classes)
    {
        string Name(int index) => index >= 0 && index < classes.Count ? classes[index] : $"class {index}";
        var uri = PngDataUri.From(image.Png);
        h.Open("figure", ("class", prediction is null ? "thumb" : prediction.Correct ? "thumb right" : "thumb wrong"), ("data-index", image.I.ToString(CultureInfo.InvariantCulture)));
        if (uri is null) h.Element("div", "(not a PNG)", ("class", "missing"));
        else h.Open("img", ("src", uri), ("alt", $"test image {image.I}"), ("title", prediction?.Source));
        h.Open("figcaption");
        if (prediction is null) h.Text($"test image #{image.I}");
        else
        {
            h.Element("div", $"true: {Name(prediction.Label)}");
            h.Element("div", $"predicted: {Name(prediction.Predicted)}");
            h.Open("ol");
            foreach (var top in prediction.Top.Take(3).Where(t => t.Length >= 2))
                h.Element("li", $"{Name((int)top[0])} {HtmlText.Number(top[1], "0.000")}");
            h.Close("ol");
        }
        h.Close("figcaption").Close("figure");
    }
}
