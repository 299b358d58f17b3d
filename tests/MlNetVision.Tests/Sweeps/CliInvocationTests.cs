using MlNetVision.Experiments.Sweeps;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps;

public class CliInvocationTests
{
    [Fact]
    public void Resolve_ByDefault_IsTheDotnetHostAndThisCliDll_BothAbsolute()
    {
        var words = CliInvocation.Resolve();

        Assert.Equal(2, words.Count);
        Assert.All(words, w => Assert.True(Path.IsPathRooted(w) && File.Exists(w), w));
        Assert.Equal("MlNetVision.Experiments.dll", Path.GetFileName(words[1]));
    }

    [Fact]
    public void Resolve_WithADll_RunsItWithDotnet_AndWithAnythingElse_RunsItAsIs()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("cli.dll"), "");
        File.WriteAllText(folder.Combine("mlnetvision"), "");

        Assert.Equal([CliInvocation.DotnetHost(), folder.Combine("cli.dll")], CliInvocation.Resolve(folder.Combine("cli.dll")));
        Assert.Equal([folder.Combine("mlnetvision")], CliInvocation.Resolve(folder.Combine("mlnetvision")));
    }

    [Fact]
    public void Resolve_WithAMissingFile_IsAnError()
    {
        var error = Assert.Throws<MlNetVisionException>(() => CliInvocation.Resolve("/nonexistent/cli.dll"));

        Assert.Contains("no such file", error.Message);
    }
}
