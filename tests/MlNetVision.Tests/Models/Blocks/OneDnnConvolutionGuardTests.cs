using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Models.Blocks;
using MlNetVision.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models.Blocks;

public class OneDnnConvolutionGuardTests
{
    [Theory]
    [InlineData(20, 64, 3, true)]
    [InlineData(24, 64, 3, true)]
    [InlineData(64, 8, 3, true)]
    [InlineData(24, 64, 1, false)]
    [InlineData(16, 64, 3, false)]
    [InlineData(64, 256, 3, false)]
    public void Affects_ContiguousInput_DependsOnChannelsAndKernel(int channelsIn, int channelsOut, int kernel, bool expected)
    {
        TorchRuntime.EnsureLoaded();
        using var x = zeros(2, channelsIn, 8, 8);

        Assert.Equal(expected, OneDnnConvolutionGuard.Affects(x, [channelsOut, channelsIn, kernel, kernel]));
    }

    [Fact]
    public void Affects_ChannelsLastInput_IsFalse()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = zeros(2, 24, 8, 8).permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

        Assert.False(OneDnnConvolutionGuard.Affects(x, [64, 24, 3, 3]));
    }

    [Theory]
    [InlineData(ScalarType.Float32, 1e-4)]
    [InlineData(ScalarType.BFloat16, 0.1)]
    public void Apply_ContiguousInputWith24Channels_MatchesAFloat64ReferenceAndStaysContiguous(ScalarType type, double tolerance)
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(3);
        using var scope = NewDisposeScope();
        var x = randn(4, 24, 31, 31);
        var w = randn(64, 24, 3, 3).mul(0.1);
        var reference = nn.functional.conv2d(x.to(ScalarType.Float64), w.to(ScalarType.Float64), padding: [1, 1]);

        var y = OneDnnConvolutionGuard.Apply(x.to(type), w.shape, input => nn.functional.conv2d(input, w.to(type), padding: [1, 1]));

        Assert.True(y.is_contiguous());
        var difference = y.to(ScalarType.Float64).sub(reference).abs().max().item<double>();
        Assert.True(difference < tolerance, $"max difference {difference} ({type})");
    }

    [Fact]
    public void Apply_EightOutputChannels_InputGradientMatchesAFloat64Reference()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(5);
        using var scope = NewDisposeScope();
        var x = randn(8, 8, 3, 3);
        var w = randn(8, 8, 3, 3).mul(0.1);
        var outputGradient = randn(8, 8, 3, 3);
        var xReference = x.to(ScalarType.Float64).requires_grad_(true);
        nn.functional.conv2d(xReference, w.to(ScalarType.Float64), padding: [1, 1]).backward([outputGradient.to(ScalarType.Float64)]);
        var xGuarded = x.clone().requires_grad_(true);

        OneDnnConvolutionGuard.Apply(xGuarded, w.shape, input => nn.functional.conv2d(input, w, padding: [1, 1])).backward([outputGradient]);

        var difference = xGuarded.grad!.to(ScalarType.Float64).sub(xReference.grad!).abs().max().item<double>();
        Assert.True(difference < 1e-4, $"max input-gradient difference {difference}");
    }

    [Fact]
    public void Forward_ConvGroupOn24ContiguousChannels_MatchesTheSameGroupOnChannelsLastInput()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(4);
        using var scope = NewDisposeScope();
        using var group = new ConvGroup(24, 64, 0.4);
        group.eval();
        var x = randn(4, 24, 31, 31);

        using var noGrad = no_grad();
        var contiguous = group.call(x);
        var channelsLast = group.call(x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2));

        Assert.False(contiguous.isnan().any().item<bool>());
        Assert.True(contiguous.sub(channelsLast).abs().max().item<float>() < 1e-4f);
    }

    /// <summary>
    /// The guard sits in <see cref="ConvGroup"/> only. Every other k×k convolution of a registered model must stay out
    /// of the affected class: either it reads the 3-channel image (forward right on the affected host; no input
    /// gradient is taken) or both its channel counts are multiples of 16. A new model that breaks this needs the guard.
    /// </summary>
    [Fact]
    public void RegisteredModels_ConvolutionsOutsideConvGroup_AvoidTheAffectedChannelCounts()
    {
        TorchRuntime.EnsureLoaded();
        var unguarded = new List<string>();
        foreach (var entry in ModelRegistry.All.Where(e => !e.UserDefined))   // the built-in models; tests register their own
        {
            using var model = ModelRegistry.Create(entry.Name, new ModelSpec(10, entry.QuickImageSize));
            var guarded = model.modules().OfType<ConvGroup>().SelectMany(g => g.modules()).ToHashSet();
            foreach (var (name, module) in model.named_modules())
            {
                if (module is not TorchSharp.Modules.Conv2d conv || guarded.Contains(conv)) continue;
                var w = conv.weight!.shape;
                bool readsImage = w[1] == 3, multiplesOf16 = w[0] % 16 == 0 && w[1] % 16 == 0;
                if (w[2] * w[3] > 1 && !readsImage && !multiplesOf16) unguarded.Add($"{entry.Name}.{name} [{string.Join(", ", w)}]");
            }
        }

        Assert.Empty(unguarded);
    }
}
