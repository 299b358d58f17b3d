using MlNetVision.Experiments.Commands;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

public class CompareCommandTests
{
    [Fact]
    public void Compare_OldReportWithoutRecipe_TakesItFromTheCatalogAndWritesBothTablesHonestly()
    {
        using var temp = new TempFolder();
        // a report as written before the recipe was recorded: simple-cnn with the seed study's figure, 2 epochs on 100 images
        var report = HandMadeReports.Create("simple-cnn", 0.8, seedAccuracy: 0.7145);
        report = report with { Config = report.Config with { LimitTrain = 100 } };
        ReportJson.Write(report, temp.Combine("runs", "quick", "report.json"));

        int code = CommandLine.Run(["compare", "--runs", temp.Combine("runs"), "--output", temp.Combine("out")], new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        var markdown = File.ReadAllText(temp.Combine("out", "comparison.md"));
        var html = File.ReadAllText(temp.Combine("out", "comparison.html"));
        // the runs' tables come before the seed study's own table, which lists 0.7145 as the seed's figure
        string markdownRuns = BeforeMarker(markdown, "## The seed study's table");
        string htmlRuns = BeforeMarker(html, "id=\"seed-study\"");
        Assert.Contains("2 epochs, not 10; 100 training images, not all", markdownRuns);
        Assert.DoesNotContain("0.7145", markdownRuns);
        Assert.Contains("2 epochs, not 10; 100 training images, not all", htmlRuns);
        Assert.DoesNotContain("0.7145", htmlRuns);
        // and in the seed study's table the run is not counted as ours at the seed's settings
        string seedRow = markdown.Split('\n').Single(line => line.StartsWith("| SimpleCNN, 32 px"));
        Assert.DoesNotContain("0.8000", seedRow.Split('|')[4]);
        Assert.Contains("not written yet", html);   // the run folder has no report.html: the link says how to make it
    }

    private static string BeforeMarker(string text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at > 0, $"'{marker}' not found");
        return text[..at];
    }
}
