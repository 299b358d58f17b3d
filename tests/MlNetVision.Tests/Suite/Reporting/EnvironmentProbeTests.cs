using MlNetVision.Suite.Reporting;

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
    public void Describe_ThisBuild_GivesMlNetsPackageVersionNotItsAssemblyVersion()
    {
        var environment = EnvironmentProbe.Describe("cpu");

        Assert.StartsWith("5.", environment.MlNet);
        Assert.True(environment.GitCommit is null || environment.GitCommit.Length == 40, environment.GitCommit);
    }
}
