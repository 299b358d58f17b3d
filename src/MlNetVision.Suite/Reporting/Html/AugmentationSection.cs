using MlNetVision.Suite.Reporting.Artifacts;
namespace MlNetVision.Suite.Reporting.Html;

/// <summary>The augmentation preview from <c>augmentation.json</c>: each row a training image and the views the trainer made of it.</summary>
public static class AugmentationSection
{
    /// <summary>Appends the section.</summary>
    public static void Append(HtmlBuilder h, RunPageInput input)
    {
        h.Open("section", ("id", "augmentation")).Element("h2", "Augmentation preview");
        var preview = input.Artifacts.Augmentation;
        if (preview is null || preview.Rows.Count == 0)
        {
            h.Element("p", $"Augmentation preview not recorded in this run ({AugmentationFile.FileName} is missing).", ("class", "missing")).Close("section");
            return;
        }
        var spec = string.IsNullOrEmpty(preview.Augmentation) ? AugmentationFile.NoAugmentation : preview.Augmentation;
        h.Element("p", $"Augmentation: {spec}. First image of each row: as read (outlined); then augmented views.", ("class", "note"));
        int row = 0;
        foreach (var r in preview.Rows)
        {
            h.Open("div", ("class", "aug-row"));
            Image(h, r.Original, $"training image {row}", "original");
            int view = 0;
            foreach (var v in r.Views) Image(h, v, $"training image {row}, view {++view}", null);
            h.Close("div");
            row++;
        }
        h.Close("section");
    }

    private static void Image(HtmlBuilder h, string base64, string alt, string? cssClass)
    {
        if (PngDataUri.From(base64) is { } uri) h.Open("img", ("src", uri), ("alt", alt), ("class", cssClass));
        else h.Element("span", "(not a PNG)", ("class", "missing"));
    }
}
