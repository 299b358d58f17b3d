using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Training.Optimizers;

public class FusedAdamTests
{
    /// <summary>
    /// A small conv net with a 1×1 kernel, a bias of 10 (not a whole number of SIMD vectors) and BatchNorm. The
    /// convolution before BatchNorm has no bias: its gradient would be zero up to rounding, and Adam's m / (√v + ε)
    /// of such a gradient is rounding noise that differs between any two implementations.
    /// </summary>
    private static nn.Module<Tensor, Tensor> Network(long seed)
    {
        manual_seed(seed);
        return nn.Sequential(
            nn.Conv2d(3, 8, 3, padding: 1, bias: false), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 16, 1),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10));
    }

    /// <summary>Three steps of <paramref name="optimizer"/> on fixed batches; returns the parameters afterwards.</summary>
    private static List<Tensor> Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, bool channelsLast)
    {
        for (int step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            manual_seed(100 + step);
            var x = randn(4, 3, 8, 8);
            if (channelsLast) x = MemoryLayout.ChannelsLast(x);
            var y = randint(0, 10, 4);
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            optimizer.step();
        }
        return model.parameters().Select(p => p.detach().clone()).ToList();
    }

    private static double MaxDifference(IEnumerable<Tensor> a, IEnumerable<Tensor> b) =>
        a.Zip(b).Max(pair => (pair.First - pair.Second).abs().max().item<float>());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Step_SameBatches_MatchesTorchSharpAdam(bool channelsLast)
    {
        TorchCompute.Prepare(2);
        using var reference = Network(1);
        using var fused = Network(1);
        if (channelsLast) { MemoryLayout.ToChannelsLast(reference); MemoryLayout.ToChannelsLast(fused); }
        using var adam = optim.Adam(reference.parameters(), 0.01, weight_decay: 1e-3);
        using var fusedAdam = new FusedAdam(fused.parameters(), 0.01, weight_decay: 1e-3);

        var expected = Train(reference, adam, channelsLast);
        var actual = Train(fused, fusedAdam, channelsLast);

        Assert.InRange(MaxDifference(expected, actual), 0, 2e-6);                // updates are 0.01 a step; float32 rounding only
        Assert.True(MaxDifference(expected, Network(1).parameters()) > 1e-3);   // and they did move
    }

    [Fact]
    public void Step_DecoupledWeightDecay_MatchesTorchSharpAdamW()
    {
        TorchCompute.Prepare(2);
        using var reference = Network(2);
        using var fused = Network(2);
        using var adamW = optim.AdamW(reference.parameters(), 0.01, weight_decay: 0.5);
        using var fusedAdamW = new FusedAdamW(fused.parameters(), 0.01, weight_decay: 0.5);

        Assert.InRange(MaxDifference(Train(reference, adamW, false), Train(fused, fusedAdamW, false)), 0, 2e-6);
    }

    [Fact]
    public void Step_Bf16Parameters_FallsBackToPerTensorStep()
    {
        TorchCompute.Prepare(2);
        using var reference = nn.Linear(5, 3).to(ScalarType.BFloat16);
        using var fused = nn.Linear(5, 3).to(ScalarType.BFloat16);
        using (no_grad()) foreach (var (a, b) in reference.parameters().Zip(fused.parameters())) b.copy_(a);
        using var adam = optim.Adam(reference.parameters(), 0.1);
        using var fusedAdam = new FusedAdam(fused.parameters(), 0.1);
        var x = randn(2, 5).to(ScalarType.BFloat16);

        foreach (var (model, optimizer) in new (nn.Module<Tensor, Tensor>, optim.Optimizer)[] { (reference, adam), (fused, fusedAdam) })
        {
            model.call(x).sum().backward();
            optimizer.step();
        }

        Assert.Equal(0, MaxDifference(reference.parameters().Select(p => p.to(ScalarType.Float32)), fused.parameters().Select(p => p.to(ScalarType.Float32))));
    }

    [Fact]
    public void Step_ParameterWithoutGradient_StaysAndKeepsItsStepCount()
    {
        TorchCompute.Prepare(2);
        using var used = nn.Linear(4, 2);
        using var unused = nn.Linear(4, 2);
        var before = unused.weight!.detach().clone();
        using var optimizer = new FusedAdam(used.parameters().Concat(unused.parameters()), 0.1);

        used.call(randn(3, 4)).sum().backward();
        optimizer.step();
        used.call(randn(3, 4)).sum().backward();
        optimizer.step();

        Assert.Equal(0, (unused.weight!.detach() - before).abs().max().item<float>());
        var states = optimizer.state_dict().State.Cast<Adam.State>().ToList();
        Assert.Equal([2L, 2L, 0L, 0L], states.Select(s => s.step));
    }

    [Fact]
    public void LoadStateDict_SavedMidway_ContinuesIdentically()
    {
        TorchCompute.Prepare(2);
        using var first = Network(3);
        using var firstAdam = new FusedAdam(first.parameters(), 0.01);
        Train(first, firstAdam, false);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) { first.save(writer); firstAdam.save_state_dict(writer); }
        stream.Position = 0;
        using var second = Network(4);
        using var secondAdam = new FusedAdam(second.parameters(), 0.01);
        using (var reader = new BinaryReader(stream)) { second.load(reader); secondAdam.load_state_dict(reader); }

        Assert.Equal(0, MaxDifference(Train(first, firstAdam, false), Train(second, secondAdam, false)));
    }

    [Fact]
    public void Fits_GradientInAnotherLayout_IsFalse()
    {
        TorchRuntime.EnsureLoaded();
        var parameter = randn(4, 3, 3, 3);
        var channelsLast = MemoryLayout.ChannelsLast(randn(4, 3, 3, 3));
        var moment = zeros_like(parameter);

        Assert.True(AdamUpdate.Fits(parameter, randn(4, 3, 3, 3), moment, moment));
        Assert.False(AdamUpdate.Fits(parameter, channelsLast, moment, moment));
        Assert.False(AdamUpdate.Fits(parameter, randn(4, 3, 3, 3, dtype: ScalarType.Float64), moment, moment));
        Assert.True(AdamUpdate.Fits(randn(4, 3, 1, 1), MemoryLayout.ChannelsLast(randn(4, 3, 1, 1)), zeros(4, 3, 1, 1), zeros(4, 3, 1, 1)));   // a 1×1 kernel's layouts are the same memory
    }
}
