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
        Assert.Contains("2 epochs, not 10; 100 training images, not all", markdown);
        Assert.DoesNotContain("0.7145", markdown);
        Assert.Contains("2 epochs, not 10; 100 training images, not all", html);
        Assert.DoesNotContain("0.7145", html);
        Assert.Contains("not written yet", html);   // the run folder has no report.html: the link says how to make it
    }
}
