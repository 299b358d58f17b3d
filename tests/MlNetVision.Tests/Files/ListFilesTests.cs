using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Files;

public class ListFilesTests
{
    [Fact]
    public void List_Files_ShowsBaseAndOverridesAndInvalidFiles()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("sub"));
        File.WriteAllText(folder.Combine("sub", "short.json"), """{ "extends": "fast-cnn-94", "seeds": [0, 1, 2], "recipe": { "epochs": 3 } }""");
        File.WriteAllText(folder.Combine("bad.json"), """{ "extends": "fast-cnn-94", "recipe": { "epocs": 3 } }""");
        File.WriteAllText(folder.Combine("other.json"), """{ "not": "an experiment" }""");
        var log = new StringWriter();

        Assert.Equal(0, CommandLine.Run(["list", "--files", folder.Path], log, log));

        var text = log.ToString();
        Assert.Matches(@"  short +32 px  extends fast-cnn-94: epochs=3, seeds=0\.\.2  \(sub/short\.json\)", text);
        Assert.Contains("bad.json", text);
        Assert.Contains("invalid: ", text);
        Assert.Contains("Did you mean 'epochs'?", text);
        Assert.DoesNotContain("other.json", text);
    }

    [Fact]
    public void List_Files_ShowsSweepsWithTheirTaskCounts_AndSkipsSchemas()
    {
        var log = new StringWriter();

        Assert.Equal(0, CommandLine.Run(["list", "--files", Path.Combine(ExperimentFileReaderTests.RepositoryRoot(), "experiments")], log, log));

        var text = log.ToString();
        Assert.Matches(@"  sweep fast-cnn-94-ablation +12 tasks \(sweep plan FILE\)  \(sweeps/fast-cnn-94-ablation\.json\)", text);
        Assert.DoesNotContain("schema.json", text);
        Assert.DoesNotContain("invalid", text);
    }

    [Fact]
    public void List_FilesMissingFolder_UserError()
    {
        var log = new StringWriter();
        Assert.Equal(ExitCodes.UserError, CommandLine.Run(["list", "--files", "/nonexistent-folder"], log, log));
    }

    [Fact]
    public void List_ShippedExamples_AllValid()
    {
        var log = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["list", "--files", Path.Combine(ExperimentFileReaderTests.RepositoryRoot(), "experiments", "examples")], log, log));
        Assert.Contains("fast-cnn-94-short", log.ToString());
        Assert.DoesNotContain("invalid:", log.ToString());
    }
}
