using MlNetVision.Native;
using MlNetVision.Training.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Training.Optimizers;

public class MuonTests
{
    private const double Rate = 0.1, Momentum = 0.6;

    private static Muon Create(Parameter filter, Parameter bias) => new(
        new SGD.ParamGroup([filter], lr: Rate, momentum: Momentum, nesterov: true),
        [new SGD.ParamGroup([bias], lr: 0.5, momentum: 0.85, weight_decay: 1e-3, nesterov: true)]);

    private static (Parameter Filter, Parameter Bias) Parameters()
    {
        manual_seed(2);
        var filter = new Parameter(randn(8, 4, 3, 3).mul(0.3));
        var bias = new Parameter(randn(8));
        filter.grad = randn(8, 4, 3, 3);
        bias.grad = randn(8);
        return (filter, bias);
    }

    [Fact]
    public void Step_Filter_RenormalisesThenStepsAlongTheOrthogonalisedMomentum()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (filter, bias) = Parameters();
        var before = filter.detach().clone();
        var gradient = filter.grad!.clone();
        using var muon = Create(filter, bias);

        muon.step();

        // First step: the buffer is the gradient, Nesterov looks ahead to (1 + momentum) · gradient.
        var renormalised = before.mul(Math.Sqrt(8) / before.norm().item<float>());
        var update = NewtonSchulz.Orthogonalize(gradient.mul(1 + Momentum).reshape(8, -1)).view(8, 4, 3, 3);
        Assert.True(filter.detach().allclose(renormalised.sub(update.mul(Rate)), rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Step_OtherGroup_MatchesNesterovSgd()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (filter, bias) = Parameters();
        var twin = new Parameter(bias.detach().clone());
        twin.grad = bias.grad!.clone();
        using var muon = Create(filter, bias);
        using var sgd = optim.SGD([twin], 0.5, momentum: 0.85, weight_decay: 1e-3, nesterov: true);

        for (int step = 0; step < 3; step++)
        {
            muon.step();
            sgd.step();
            bias.grad = ones(8).mul(step);
            twin.grad = ones(8).mul(step);
            filter.grad = ones(8, 4, 3, 3);
        }

        Assert.True(bias.detach().allclose(twin.detach(), rtol: 1e-6, atol: 1e-7));
    }

    [Fact]
    public void Step_TwoSteps_SecondFollowsTheMomentumBuffer()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (filter, bias) = Parameters();
        var first = filter.grad!.clone();
        using var muon = Create(filter, bias);
        muon.step();
        var afterFirst = filter.detach().clone();
        var second = randn(8, 4, 3, 3);
        filter.grad = second;

        muon.step();

        var buffer = first.mul(Momentum).add(second);                                   // buf ← momentum · buf + g
        var direction = second.add(buffer, alpha: Momentum);                            // Nesterov
        var renormalised = afterFirst.mul(Math.Sqrt(8) / afterFirst.norm().item<float>());
        var expected = renormalised.sub(NewtonSchulz.Orthogonalize(direction.reshape(8, -1)).view(8, 4, 3, 3).mul(Rate));
        Assert.True(filter.detach().allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Constructor_VectorInMuonGroup_Throws()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (_, bias) = Parameters();

        var error = Assert.Throws<ArgumentException>(() => new Muon(new SGD.ParamGroup([bias], lr: Rate, momentum: Momentum, nesterov: true), []));

        Assert.Contains("2 dimensions", error.Message);
    }
}
