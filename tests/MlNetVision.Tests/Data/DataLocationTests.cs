using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class DataLocationTests
{
    [Fact]
    public void Cifar10Folder_OptionHoldingBinFiles_IsUsedAsIs()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path);

        Assert.Equal(temp.Path, DataLocation.Cifar10Folder(temp.Path));
    }

    [Fact]
    public void Cifar10Folder_OptionWithoutBinFiles_AddsArchiveFolderName()
    {
        using var temp = new TempFolder();

        Assert.Equal(temp.Combine(Cifar10Format.FolderName), DataLocation.Cifar10Folder(temp.Path));
    }
}
