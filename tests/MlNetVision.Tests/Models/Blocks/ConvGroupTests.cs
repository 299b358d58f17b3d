using MlNetVision.Models.Blocks;
using MlNetVision.Native;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models.Blocks;

public class ConvGroupTests
{
    [Fact]
    public void Constructor_Convolutions_StartAsIdentityOnInputChannels()
    {
        TorchRuntime.EnsureLoaded();
        using var group = new ConvGroup(4, 8, 0.4);
        var conv1 = group.named_parameters().Single(p => p.name == "conv1.weight").parameter;

        var x = rand(2, 4, 6, 6);
        using var noGrad = no_grad();
        var y = nn.functional.conv2d(x, conv1, padding: [1, 1]);

        Assert.True(y[.., ..4].sub(x).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Forward_EightChannelsIn_HalvesTheSide()
    {
        TorchRuntime.EnsureLoaded();
        using var group = new ConvGroup(8, 16, 0.4);

        using var y = group.call(rand(2, 8, 15, 15));

        Assert.Equal(new long[] { 2, 16, 7, 7 }, y.shape);
    }
}
