using MlNetVision.Experiments.Commands;
using MlNetVision.Tests.TestSupport;

using MlNetVision.Experiments.Running;

namespace MlNetVision.Tests.Commands;

public class CommandLineTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void DataInfo_TinyData_PrintsCountsAndChecksums()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path, perTrainFile: 2, testRecords: 10);

        var (code, output, _) = Run("data", "info", "--data", temp.Path);

        Assert.Equal(0, code);
        Assert.Matches(@"airplane\s+1\s+1", output);
        Assert.Matches(@"total\s+10\s+10", output);
        Assert.Matches("[0-9a-f]{64}  test_batch.bin", output);
    }

    [Fact]
    public void DataInfo_CorruptData_ExitsWithUserErrorAndMessage()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path);
        File.WriteAllBytes(temp.Combine("test_batch.bin"), new byte[10]);

        var (code, _, error) = Run("data", "info", "--data", temp.Path);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("test_batch.bin: 10 bytes", error);
    }

    [Fact]
    public void Help_ListsCommands()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("list", output);
        Assert.Contains("data", output);
    }

    [Fact]
    public void UnknownCommand_ExitsWithTheParseErrorCode()
    {
        var (code, _, error) = Run("frobnicate");

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("frobnicate", error);
    }
}
