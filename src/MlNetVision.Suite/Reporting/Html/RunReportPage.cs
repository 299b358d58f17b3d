using MlNetVision.Infrastructure;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// <c>report.html</c>: one run on one self-contained page — header, headline metrics, training curves, confusion matrix,
/// per-class table, gallery, augmentation preview.
/// </summary>
public static class RunReportPage
{
    /// <summary>The file name beside <c>report.json</c>.</summary>
    public const string FileName = "report.html";

    /// <summary>The page's HTML.</summary>
    public static string Render(RunPageInput input)
    {
        var h = new HtmlBuilder();
        h.Open("main");
        RunHeaderSection.Append(h, input);
        HeadlineSection.Append(h, input);
        TrainingCurvesSection.Append(h, input);
        ConfusionSection.Append(h, input);
        GallerySection.Append(h, input);
        AugmentationSection.Append(h, input);
        h.Element("p", "Written by MlNetVision from report.json and the files beside it; rebuild with: report RUN_FOLDER.", ("class", "muted"));
        h.Close("main");
        return HtmlPage.Render($"{input.Report.Experiment} ({input.Report.Model}) – MlNetVision run report", h.ToString());
    }

    /// <summary>
    /// Writes <c>report.html</c> into <paramref name="folder"/> from its <c>report.json</c> and whichever optional files are
    /// there; with <paramref name="seeds"/>, the headline shows their mean ± std. Returns the page's path.
    /// </summary>
    public static string Write(string folder, SeedSummary? seeds = null)
    {
        var report = ReportJson.Read(Path.Combine(folder, "report.json"));
        var path = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(path, Render(new RunPageInput(report, RecordedArtifacts.Read(folder), seeds)));
        return path;
    }
}
