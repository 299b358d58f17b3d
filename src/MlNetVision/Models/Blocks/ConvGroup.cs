using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// airbench's conv group: <c>conv1 → pool (max 2) → norm1 → GELU → conv2 → norm2 → GELU</c>. Convolutions are
/// 3×3, padding 1, no bias, and start as identity (Dirac) on their first input-width output channels; the
/// BatchNorms have a fixed unit scale (only the bias learns), ε 1e-12 and a fast running-statistics momentum.
/// Field names follow airbench (<c>conv1</c>, <c>norm1</c>, <c>conv2</c>, <c>norm2</c>).
/// </summary>
internal sealed class ConvGroup : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // airbench's names, so checkpoints map by name
    private readonly Conv2d conv1;
    private readonly MaxPool2d pool;
    private readonly BatchNorm2d norm1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d norm2;
    private readonly GELU activ;
#pragma warning restore IDE1006
    private readonly ScalarType? _trainingConvType;

    /// <summary>airbench's running-statistics momentum in PyTorch's convention (its 0.6 "keep" factor).</summary>
    public const double AirbenchBatchNormMomentum = 0.4;

    /// <summary>Builds a group from <paramref name="channelsIn"/> to <paramref name="channelsOut"/> channels.</summary>
    /// <param name="channelsIn">Input channels.</param>
    /// <param name="channelsOut">Output channels.</param>
    /// <param name="batchNormMomentum">PyTorch-convention momentum of the running statistics (airbench: 0.4, i.e. its 0.6 "keep" factor).</param>
    /// <param name="trainingConvType">In training mode, run the group in this type (e.g. bfloat16): the input and a copy of the fp32
    /// conv weights are cast, BatchNorm keeps fp32 parameters and statistics (libtorch's mixed-type BatchNorm), the output is cast
    /// back; gradients reach the fp32 weights. Null, or eval mode: fp32 throughout.</param>
    public ConvGroup(int channelsIn, int channelsOut, double batchNormMomentum, ScalarType? trainingConvType = null) : base(nameof(ConvGroup))
    {
        _trainingConvType = trainingConvType;
        conv1 = IdentityConv(channelsIn, channelsOut);
        pool = MaxPool2d(2);
        norm1 = BiasOnlyNorm(channelsOut, batchNormMomentum);
        conv2 = IdentityConv(channelsOut, channelsOut);
        norm2 = BiasOnlyNorm(channelsOut, batchNormMomentum);
        activ = GELU();
        RegisterComponents();
    }

    /// <summary>The submodules in forward order, for the ONNX exporter.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Layers => [conv1, pool, norm1, activ, conv2, norm2, activ];

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        bool lowPrecision = training && _trainingConvType is not null;
        var x = lowPrecision ? input.to(_trainingConvType!.Value) : input;
        x = activ.forward(norm1.forward(pool.forward(Convolve(conv1, x))));
        x = activ.forward(norm2.forward(Convolve(conv2, x)));
        return (lowPrecision ? x.to(input.dtype) : x).MoveToOuterDisposeScope();
    }

    /// <summary>The convolution in the input's type: a cast copy of the fp32 weights when that is not fp32 (gradients reach the fp32 weights);
    /// through <see cref="OneDnnConvolutionGuard"/>, which the 24-channel input of airbench's first group needs.</summary>
    private static Tensor Convolve(Conv2d conv, Tensor x) => OneDnnConvolutionGuard.Apply(x, conv.weight!.shape, input =>
        input.dtype == conv.weight!.dtype ? conv.forward(input) : nn.functional.conv2d(input, conv.weight.to(input.dtype), padding: [1, 1]));

    private static Conv2d IdentityConv(int channelsIn, int channelsOut)
    {
        var conv = Conv2d(channelsIn, channelsOut, 3, padding: 1, bias: false);
        using (no_grad())
        {
            int identity = Math.Min(channelsIn, channelsOut);
            init.dirac_(conv.weight![..identity]);
        }
        return conv;
    }

    private static BatchNorm2d BiasOnlyNorm(int channels, double momentum)
    {
        var norm = BatchNorm2d(channels, eps: 1e-12, momentum: momentum);
        norm.weight!.requires_grad = false;
        return norm;
    }
}
