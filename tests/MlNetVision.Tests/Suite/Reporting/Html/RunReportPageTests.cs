using MlNetVision.Suite.Reporting.Artifacts;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.Html;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting.Html;

public class RunReportPageTests
{
    [Fact]
    public void Write_FolderWithEveryArtifact_HasEverySectionChartGalleryAndPreview()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Path);

        var html = File.ReadAllText(RunReportPage.Write(temp.Path));

        foreach (var id in new[] { "header", "headline", "curves", "confusion", "per-class", "gallery", "augmentation" })
            Assert.Contains($"<section id=\"{id}\">", html);
        foreach (var chart in new[] { "chart-loss", "chart-accuracy", "chart-learning-rate" })
            Assert.Contains($"id=\"{chart}\"", html);
        Assert.Contains("data-tip=\"training loss\nepoch 2: 0.8000\"", html);
        Assert.Equal(HandMadeRunFolder.GalleryImages, Count(html, "<figure class=\"thumb"));
        Assert.Equal(HandMadeRunFolder.Mistakes, Count(html, "<figure class=\"thumb wrong\""));
        Assert.Equal(2, Count(html, "class=\"aug-row\""));
        Assert.Equal(2 * 4, Count(html, "<img") - HandMadeRunFolder.GalleryImages);
        Assert.DoesNotContain("not recorded in this run", html);
        Assert.Contains("From predictions.json (20 test images)", html);
    }

    [Fact]
    public void Render_Gallery_PutsTheMostConfidentMistakeFirstAndNamesTopClasses()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Path);

        var html = File.ReadAllText(RunReportPage.Write(temp.Path));

        // mistakes: test images 8, 9 (cat → dog, 0.6 and 0.7) and 18, 19 (dog → cat, 0.65 and 0.75): 19 leads, then 9, 18, 8
        var order = System.Text.RegularExpressions.Regex.Matches(html, "data-index=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["19", "9", "18", "8"], order.Take(4));
        Assert.Contains("<li>cat 0.750</li>", html);
    }

    [Fact]
    public void Render_OlderRunWithoutArtifacts_SaysSoAndUsesTheReportsConfusionMatrix()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Path, predictions: false, gallery: false, augmentation: false);

        var html = File.ReadAllText(RunReportPage.Write(temp.Path));

        Assert.Contains("Gallery not recorded in this run", html);
        Assert.Contains("Augmentation preview not recorded in this run", html);
        Assert.Contains("From report.json", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public void Render_HostileNamesAndNotes_AreEscaped()
    {
        var report = HandMadeReports.Create("<script>alert(1)</script>", 0.8) with { Notes = ["a note with <b>markup</b> & \"quotes\""] };
        report = report with { Metrics = report.Metrics with { Classes = ["<img src=x>", "dog"] } };

        var html = RunReportPage.Render(new RunPageInput(report, RecordedArtifacts.None));

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a note with &lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot;", html);
        Assert.Equal(1, Count(html, "<script>"));   // the page's own script only
    }

    [Fact]
    public void Render_Page_FetchesNothing()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Path);

        var html = File.ReadAllText(RunReportPage.Write(temp.Path));

        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains(HtmlText.Escape(HtmlPage.ContentSecurityPolicy), html);
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value),
            src => Assert.StartsWith("data:image/png;base64,", src));
    }

    [Fact]
    public void Render_SeedStudy_ShowsMeanAndStdBesideTheRunsOwnNumbers()
    {
        var reports = new[] { 0.6, 0.8 }.Select(a => HandMadeReports.Create("simple-cnn", a)).ToList();

        var html = RunReportPage.Render(new RunPageInput(reports[0], RecordedArtifacts.None, SeedSummary.From(reports)));

        Assert.Contains("2 seeds: 0.7000 ± 0.1414", html);
    }

    [Fact]
    public void Render_TenClassesTenThousandPredictionsAndAFullGallery_StaysUnderFiveMegabytes()
    {
        string[] classes = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];
        var report = HandMadeReports.Create("simple-cnn", 0.8);
        var confusion = classes.Select((_, t) => (IReadOnlyList<long>)classes.Select((_, p) => t == p ? 800L : 22L).ToList()).ToList();
        report = report with
        {
            Metrics = report.Metrics with
            {
                Classes = classes, ConfusionMatrix = confusion,
                PerClass = classes.Select(c => new MlNetVision.Evaluation.ClassMetrics(c, 0.8, 0.8, 0.8, 1000)).ToList(),
            },
            History = Enumerable.Range(1, 100).Select(e => new MlNetVision.Training.EpochRecord(e, 1.0 / e, 0.5, 0.6, 10, 1e-3)).ToList(),
        };
        var items = Enumerable.Range(0, 10_000).Select(i => new PredictionItem(i, $"test/{i}.png", i % 10,
            [[(i + 1) % 10, 0.5], [i % 10, 0.3], [(i + 2) % 10, 0.1]])).ToList();
        var thumbnail = HandMadeRunFolder.Png(32, 100);
        var gallery = new GalleryFile(1, 32, Enumerable.Range(0, GallerySection.MaxImages).Select(i => new GalleryImage(i, thumbnail)).ToList());
        var preview = new AugmentationFile(1, 32, AugmentationFile.NoAugmentation, Enumerable.Range(0, 8).Select(_ => new AugmentationRow(thumbnail, Enumerable.Repeat(thumbnail, 8).ToList())).ToList());

        var html = RunReportPage.Render(new RunPageInput(report, new RecordedArtifacts(new PredictionsFile(1, classes, items), gallery, preview, [])));

        Assert.InRange(html.Length, 10_000, 5_000_000);
        Assert.Contains(">1,000<", html);   // the matrix counted from the 10,000 predictions: 1,000 per cell on the shifted diagonal
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
