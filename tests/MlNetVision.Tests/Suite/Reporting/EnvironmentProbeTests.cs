using System.Text.Json;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting;

public class EnvironmentProbeTests
{
    [Fact]
    public void BuildCommit_VersionWithCommitSuffix_ReturnsTheCommit()
    {
        Assert.Equal("bfe414f4b1c0a9858474a5f84b335551fdbb61e5", EnvironmentProbe.BuildCommit("1.0.0+bfe414f4b1c0a9858474a5f84b335551fdbb61e5"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1.0.0")]
    [InlineData("1.0.0+local")]
    [InlineData("1.0.0+bfe414f")]
    public void BuildCommit_NoFullCommit_ReturnsNull(string? informationalVersion)
    {
        Assert.Null(EnvironmentProbe.BuildCommit(informationalVersion));
    }

    [Fact]
    public void PackageVersion_InformationalVersionWithCommit_DropsTheCommit()
    {
        Assert.Equal("5.0.1", EnvironmentProbe.PackageVersion("5.0.1+a4f730ec0c9106c2c9ef9e1fa34011374115fb98", new Version(1, 0, 0, 0)));
        Assert.Equal("1.0.0.0", EnvironmentProbe.PackageVersion(null, new Version(1, 0, 0, 0)));
    }

    [Fact]
    public void Describe_ThisBuild_GivesThePackageVersionsTheTestsWereBuiltAgainst()
    {
        var environment = EnvironmentProbe.Describe("cpu");

        Assert.Equal(DependencyVersion("Microsoft.ML"), environment.MlNet);
        Assert.Equal(DependencyVersion("TorchSharp"), environment.TorchSharp);
        Assert.Equal("cpu", environment.Device);
    }

    [GitFact]
    public void Describe_BuiltInAGitCheckout_GivesACommitOfThisCheckoutsHistory()
    {
        var commit = EnvironmentProbe.Describe("cpu").GitCommit;

        Assert.NotNull(commit);
        Assert.Equal((0, "commit"), Git.Run("cat-file", "-t", commit));
        Assert.True(Git.Run("merge-base", "--is-ancestor", commit, "HEAD").Code == 0, $"{commit} is not HEAD or one of its ancestors");
    }

    /// <summary>A package's version as NuGet resolved it for this build, from the test host's <c>.deps.json</c> (<c>"Microsoft.ML/5.0.1"</c>).</summary>
    private static string DependencyVersion(string package)
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MlNetVision.Tests.deps.json")));
        var key = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Single(library => library.Name.StartsWith(package + "/", StringComparison.OrdinalIgnoreCase) && library.Value.GetProperty("type").GetString() == "package").Name;
        return key[(package.Length + 1)..];
    }
}
