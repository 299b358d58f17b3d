using MlNetVision.Native;
using MlNetVision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Training;

public class Bf16MasterWeightsTests
{
    /// <summary>1 + 2⁻¹⁰: a float32 that bfloat16 (8 significant bits) cannot hold.</summary>
    private const float NotBf16 = 1.0009765625f;

    private static nn.Module<Tensor, Tensor> TinyNet()
    {
        TorchRuntime.EnsureLoaded();
        random.manual_seed(5);
        var net = nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("norm", nn.BatchNorm2d(4)), ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()), ("fc", nn.Linear(4, 2)));
        using var noGrad = no_grad();
        foreach (var (_, p) in net.named_parameters()) p.fill_(NotBf16);
        foreach (var (_, b) in net.named_buffers()) if (b.is_floating_point()) b.fill_(NotBf16);
        return net;
    }

    private static Dictionary<string, Tensor> Parameters(nn.Module net) => net.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);

    [Fact]
    public void Engage_ConvertsAllButBatchNormAndKeepsFloat32ValuesExactly()
    {
        using var net = TinyNet();
        using var mixed = new Bf16MasterWeights(net);

        mixed.Engage();

        var parameters = Parameters(net);
        Assert.Equal(ScalarType.BFloat16, parameters["conv.weight"].dtype);
        Assert.Equal(ScalarType.BFloat16, parameters["fc.weight"].dtype);
        Assert.Equal(ScalarType.Float32, parameters["norm.weight"].dtype);
        Assert.Equal(NotBf16, parameters["norm.weight"][0].item<float>());
        Assert.Equal(NotBf16, net.named_buffers().Single(b => b.name == "norm.running_mean").buffer[0].item<float>());
        Assert.All(mixed.Masters, m => Assert.Equal(ScalarType.Float32, m.dtype));
        Assert.All(mixed.Masters, m => Assert.Equal(NotBf16, m.flatten()[0].item<float>()));
    }

    [Fact]
    public void Step_GradientsReachTheMastersAsFloat32AndUpdatesReachTheNetwork()
    {
        using var net = TinyNet();
        using var mixed = new Bf16MasterWeights(net);
        mixed.Engage();
        using var optimizer = optim.SGD(mixed.Masters, 0.5);

        using (var scope = NewDisposeScope())
        {
            var logits = net.forward(mixed.Input(randn(2, 3, 8, 8))).to(ScalarType.Float32);
            nn.functional.cross_entropy(logits, tensor(new long[] { 0, 1 })).backward();
        }
        mixed.CopyGradients();
        var fcGradient = mixed.Masters[^2].grad;

        Assert.NotNull(fcGradient);
        Assert.Equal(ScalarType.Float32, fcGradient!.dtype);
        Assert.True(fcGradient.abs().sum().item<float>() > 0);
        Assert.All(net.parameters(), p => Assert.Null(p.grad));

        optimizer.step();
        mixed.CopyWeights();

        var fcWeight = Parameters(net)["fc.weight"];
        Assert.True(mixed.Masters[^2].to(ScalarType.BFloat16).eq(fcWeight).all().item<bool>());
        Assert.NotEqual(NotBf16, mixed.Masters[^2].flatten()[0].item<float>());
    }

    [Fact]
    public void Dispose_LeavesTheNetworkInFloat32HoldingTheMasterWeights()
    {
        using var net = TinyNet();
        var mixed = new Bf16MasterWeights(net);
        mixed.Engage();
        using (no_grad()) foreach (var master in mixed.Masters) master.fill_(NotBf16 + 1);

        mixed.Dispose();

        Assert.All(net.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.All(net.parameters(), p => Assert.Equal(NotBf16 + 1, p.flatten()[0].item<float>()));
    }

    [Fact]
    public void InFloat32_SeesTheMastersThenReturnsToBfloat16()
    {
        using var net = TinyNet();
        using var mixed = new Bf16MasterWeights(net);
        mixed.Engage();
        ScalarType? seen = null;
        float seenValue = 0;

        mixed.InFloat32(() =>
        {
            var conv = Parameters(net)["conv.weight"];
            (seen, seenValue) = (conv.dtype, conv.flatten()[0].item<float>());
        });

        Assert.Equal(ScalarType.Float32, seen);
        Assert.Equal(NotBf16, seenValue);
        Assert.Equal(ScalarType.BFloat16, Parameters(net)["conv.weight"].dtype);
    }
}
