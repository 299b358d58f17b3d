using MlNetVision.Experiments.Sweeps;

namespace MlNetVision.Tests.Sweeps;

public class ShellQuotingTests
{
    [Theory]
    [InlineData("/opt/app/cli.dll", "/opt/app/cli.dll")]
    [InlineData("my sweep.json", "'my sweep.json'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("", "''")]
    public void Quote_KeepsEveryWordOneWord(string word, string expected) => Assert.Equal(expected, ShellQuoting.Quote(word));
}
