using MlNetVision.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models;

/// <summary>
/// airbench94's network (Keller Jordan, "94% on CIFAR-10 in 3.29 seconds on a single GPU", 2024):
/// <c>whiten</c> (a frozen 2×2 convolution, 3→24 channels, whose weights whiten the training data's 2×2
/// patches: the covariance's eigenvectors divided by the root of their eigenvalues, and their negatives; only
/// its bias learns, for the first <see cref="FastCnnShape.WhiteningBiasEpochs"/> epochs) → GELU → three <see cref="ConvGroup"/>s (64, 256, 256 channels; each halves the side) →
/// max-pool 3 → <c>head</c> (linear, no bias) → logits scaled by 1/9. 32-px inputs; about 236 MFLOP per
/// image forward.
/// </summary>
internal sealed class FastCnn : ImageClassifier, IDataInitialized, IEpochScheduled
{
#pragma warning disable IDE1006 // airbench's names
    private readonly Conv2d whiten;
    private readonly GELU activ;
    private readonly ConvGroup block1;
    private readonly ConvGroup block2;
    private readonly ConvGroup block3;
    private readonly MaxPool2d pool;
    private readonly Flatten flatten;
    private readonly Linear head;
#pragma warning restore IDE1006
    private readonly FastCnnShape _shape;

    /// <summary>Builds the network for <paramref name="spec"/> (any side ≥ 24 px; designed for 32).</summary>
    public FastCnn(ModelSpec spec, FastCnnShape shape) : base(nameof(FastCnn), spec)
    {
        if (spec.ImageSize < 24) throw new ArgumentException($"FastCnn needs images of at least 24 px, got {spec.ImageSize}.");
        _shape = shape;
        whiten = PatchWhitening.Layer(FastCnnShape.WhiteningKernel, frozen: shape.DataWhitening);
        activ = GELU();
        block1 = new ConvGroup(FastCnnShape.WhiteningWidth, shape.Block1, shape.BatchNormMomentum, shape.TrainingConvType);
        block2 = new ConvGroup(shape.Block1, shape.Block2, shape.BatchNormMomentum, shape.TrainingConvType);
        block3 = new ConvGroup(shape.Block2, shape.Block3, shape.BatchNormMomentum, shape.TrainingConvType);
        pool = MaxPool2d(3);
        flatten = Flatten();
        head = Linear(shape.Block3 * PooledSide(spec.ImageSize) * PooledSide(spec.ImageSize), spec.NumClasses, hasBias: false);
        RegisterComponents();
    }

    /// <summary>The layers in forward order (before the logit scale), for the ONNX exporter.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Layers => [whiten, activ, block1, block2, block3, pool, flatten, head];

    /// <summary>The shape it was built with (widths, BatchNorm momentum, logit scale, whitening settings).</summary>
    public FastCnnShape Shape => _shape;

    /// <summary>The factor the logits are multiplied by.</summary>
    public double LogitScale => _shape.LogitScale;

    /// <inheritdoc />
    public int InitializationImages => _shape.DataWhitening ? 5000 : 0;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = activ.forward(whiten.forward(input));
        x = block3.forward(block2.forward(block1.forward(x)));
        return head.forward(flatten.forward(pool.forward(x))).mul(LogitScale).MoveToOuterDisposeScope();
    }

    /// <summary>Sets the whitening weights from the 2×2 patches of <paramref name="images"/> (normalised, <c>[N, 3, S, S]</c>); see <see cref="PatchWhitening"/>.</summary>
    public void InitializeFromData(Tensor images)
    {
        if (!_shape.DataWhitening) return;
        PatchWhitening.Initialize(whiten, images, _shape.WhiteningEpsilon);
    }

    /// <summary>Whether the whitening bias trains in the 1-based <paramref name="epoch"/>.</summary>
    public bool WhiteningBiasTrains(int epoch) => !_shape.DataWhitening || _shape.WhiteningBiasEpochs == 0 || epoch <= _shape.WhiteningBiasEpochs;

    /// <inheritdoc />
    public void BeginEpoch(int epoch)
    {
        bool trains = WhiteningBiasTrains(epoch);
        whiten.bias!.requires_grad = trains;
        if (!trains) whiten.bias.grad = null;
    }

    private static int PooledSide(int side)
    {
        int s = side - FastCnnShape.WhiteningKernel + 1;
        for (int i = 0; i < 3; i++) s /= 2;
        return s / 3;
    }
}
