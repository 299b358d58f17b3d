using MlNetVision.Suite.Benchmarks;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class PeerScriptTests
{
    [Fact]
    public void Find_ScriptBesideTheRepository_ReturnsItFromASubfolder()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("repo", "experiments"));
        File.WriteAllText(temp.Combine("repo", PeerScript.SolutionFile), "");
        Directory.CreateDirectory(temp.Combine("shared", "peers"));
        File.WriteAllText(temp.Combine("shared", "peers", "pytorch_reference.py"), "");

        Assert.Equal(temp.Combine("shared", "peers", "pytorch_reference.py"), PeerScript.Find(temp.Combine("repo", "experiments")));
    }

    [Fact]
    public void Find_SolutionWithoutScript_ThrowsNamingWhereItLooked()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("repo"));
        File.WriteAllText(temp.Combine("repo", PeerScript.SolutionFile), "");

        var e = Assert.Throws<MlNetVisionException>(() => PeerScript.Find(temp.Combine("repo")));

        Assert.Contains(temp.Combine("shared", "peers", "pytorch_reference.py"), e.Message);
        Assert.Contains("--peer-script", e.Message);
    }

    [Fact]
    public void Find_NoSolutionAbove_ThrowsWithTheHint()
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<MlNetVisionException>(() => PeerScript.Find(temp.Path));

        Assert.Contains($"No {PeerScript.SolutionFile}", e.Message);
        Assert.Contains("--peer-script", e.Message);
    }

    [Fact]
    public void Resolve_ExplicitPathMissing_ThrowsNamingIt()
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<MlNetVisionException>(() => PeerScript.Resolve("missing.py", temp.Path));

        Assert.Contains(temp.Combine("missing.py"), e.Message);
    }
}
