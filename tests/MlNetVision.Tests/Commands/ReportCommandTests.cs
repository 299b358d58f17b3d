using MlNetVision.Experiments.Commands;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

public class ReportCommandTests
{
    [Fact]
    public void Report_RunFolder_RebuildsReportHtmlWithoutAModel()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Path);
        var output = new StringWriter();

        int code = CommandLine.Run(["report", temp.Path], output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Equal(temp.Combine("report.html"), output.ToString().Trim());
        Assert.Contains("<section id=\"gallery\">", File.ReadAllText(temp.Combine("report.html")));
    }

    [Fact]
    public void Report_SeedStudyFolder_WritesEverySeedsPageWithTheMeanOverSeeds()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Combine("seed-0"), HandMadeReports.Create("simple-cnn", 0.6));
        HandMadeRunFolder.Write(temp.Combine("seed-1"), HandMadeReports.Create("simple-cnn", 0.8));
        File.WriteAllText(temp.Combine("seeds.json"), "{}");

        int code = CommandLine.Run(["report", temp.Path], new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("2 seeds: 0.7000 ± 0.1414", File.ReadAllText(temp.Combine("seed-1", "report.html")));
    }

    [Fact]
    public void Report_FolderWithoutReport_IsAUserError()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        int code = CommandLine.Run(["report", temp.Path], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("holds no report.json", error.ToString());
    }
}
