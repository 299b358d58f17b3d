using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Infrastructure;

public class AtomicFileTests
{
    [Fact]
    public void Write_DiskFullHalfway_KeepsOldFileAndLeavesNoTemporary()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("report.json");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("No space left on device");
        }));

        Assert.Contains("No space left", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Write_NewFile_HasAllBytes()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("sub", "x.bin");

        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }
}
