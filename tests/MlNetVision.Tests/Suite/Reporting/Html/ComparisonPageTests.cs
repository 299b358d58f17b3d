using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.Html;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting.Html;

public class ComparisonPageTests
{
    [Fact]
    public void Write_TwoRunFolders_WritesAPageWithSortableTableScatterAndLinksToEachRunsReport()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Combine("runs", "plain"), HandMadeReports.Create("plain", 0.7));
        HandMadeRunFolder.Write(temp.Combine("runs", "with augmentation"), HandMadeReports.Create("augmented", 0.8, augmentation: "flip", trainSeconds: 300));
        RunReportFolders.Write(temp.Combine("runs"));

        var files = Comparison.Write(Comparison.LoadRuns([temp.Combine("runs")]), temp.Combine("comparison"));
        var html = File.ReadAllText(temp.Combine("comparison", "comparison.html"));

        Assert.Contains(temp.Combine("comparison", "comparison.md"), files);
        Assert.Contains("<table id=\"runs-table\" class=\"sortable\">", html);
        Assert.Contains("id=\"chart-accuracy-vs-time\"", html);
        Assert.Contains("id=\"before-after-table\"", html);
        Assert.Contains("href=\"../runs/plain/report.html\"", html);
        Assert.Contains("href=\"../runs/with%20augmentation/report.html\"", html);
        Assert.Contains("data-v=\"300\"", html);   // the train time sorts by seconds
        Assert.Contains("training time (minutes, log scale)", html);
        Assert.DoesNotContain("not written yet", html);
        Assert.True(File.Exists(temp.Combine("runs", "plain", "report.html")));
    }

    [Fact]
    public void Render_RunsBesideAblations_HasTheAblationTable()
    {
        var runs = new[] { ("fast", 0.9), ("fast-no-flip", 0.8) }.Select(x => new ComparedRun(x.Item1, HandMadeReports.Create(x.Item1, x.Item2), null)).ToList();

        var html = ComparisonPage.Render(runs, "/tmp");

        Assert.Contains("Ablation of fast", html);
        Assert.Contains("<td class=\"text\">no-flip</td>", html);
    }
}
