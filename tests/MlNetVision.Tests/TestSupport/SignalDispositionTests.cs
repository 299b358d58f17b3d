namespace MlNetVision.Tests.TestSupport;

public class SignalDispositionTests
{
    [Theory]
    [InlineData("0000000000000002", 2, true)]
    [InlineData("0000000000000002", 15, false)]
    [InlineData("0000000000004006", 15, true)]
    [InlineData("0000000000000000", 2, false)]
    public void Ignored_StatusMask_ReadsTheSignalsBit(string mask, int signal, bool expected)
    {
        string[] status = ["Name:\tdotnet", $"SigIgn:\t{mask}", "SigCgt:\t0000000000000000"];

        Assert.Equal(expected, SignalDisposition.Ignored(status, signal));
    }
}
