using MlNetVision.Native;
using MlNetVision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Training;

public class MemoryLayoutTests
{
    [Fact]
    public void ChannelsLast_Batch_SameValuesWithNhwcStrides()
    {
        TorchRuntime.EnsureLoaded();
        using var images = rand(2, 3, 4, 5);

        using var converted = MemoryLayout.ChannelsLast(images);

        Assert.Equal(images.shape, converted.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, converted.stride());
        Assert.True(MemoryLayout.IsChannelsLast(converted));
        Assert.False(MemoryLayout.IsChannelsLast(images));
        Assert.True(converted.allclose(images, 0, 0));
    }
}
