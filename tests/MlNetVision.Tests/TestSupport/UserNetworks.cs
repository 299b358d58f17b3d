using MlNetVision.Models;
using MlNetVision.Models.Blocks;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Networks a user might write, none of them in the registry.</summary>
public static class UserNetworks
{
    /// <summary>A small residual CNN using every layer kind the exporter learned for user networks. Channel counts are
    /// multiples of 16: this host's libtorch computes some others wrong (README, "Wrong NCHW convolutions").</summary>
    public static Module<Tensor, Tensor> EveryLayer(ModelSpec spec) => Sequential(
        ("stem", Conv2d(3, 16, 3, padding: 1)),
        ("bn", BatchNorm2d(16)),
        ("act", SiLU()),
        ("block", new Residual(Sequential(Conv2d(16, 16, 3, padding: 1), BatchNorm2d(16), LeakyReLU(0.1), Conv2d(16, 16, 3, padding: 1)))),
        ("down", new Residual(Sequential(Conv2d(16, 32, 3, padding: 1), Tanh()), shortcut: Conv2d(16, 32, 1))),
        ("pool", AvgPool2d(2)),
        ("gate", Sigmoid()),
        ("drop2d", Dropout2d(0.1)),
        ("max", MaxPool2d(2)),
        ("same", Identity()),
        ("gap", AdaptiveAvgPool2d(1)),
        ("flat", Flatten()),
        ("drop", Dropout(0.2)),
        ("head", Linear(32, spec.NumClasses)));

    /// <summary>A small ViT a user might write: patch tokens with position embeddings, two pre-norm blocks, mean pooling.</summary>
    public static Module<Tensor, Tensor> Vit(ModelSpec spec) => Sequential(
        ("patches", new PatchTokens(spec.ImageSize, patch: 4, dim: 32)),
        ("block1", new TransformerBlock(32, heads: 4, mlpRatio: 2)),
        ("block2", new TransformerBlock(32, heads: 4, mlpRatio: 2)),
        ("norm", LayerNorm(32)),
        ("pool", new TokenMean()),
        ("head", Linear(32, spec.NumClasses)));

    /// <summary>A network with a layer the exporter does not know (Softplus) at <c>network.act</c>.</summary>
    public static Module<Tensor, Tensor> Unexportable(ModelSpec spec) => Sequential(
        ("stem", Conv2d(3, 8, 3, padding: 1)),
        ("act", Softplus()),
        ("gap", AdaptiveAvgPool2d(1)),
        ("flat", Flatten()),
        ("head", Linear(8, spec.NumClasses)));
}
