using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models;

/// <summary>
/// The seed's SimpleCNN: Conv(3→32, 3, pad 1)-ReLU-MaxPool2-Conv(32→64, 3, pad 1)-ReLU-MaxPool2-Flatten-
/// Linear(64·(S/4)²→hidden)-ReLU-Linear(hidden→classes). Submodules are named as in the PyTorch peer
/// (<c>features.0</c>, <c>features.3</c>, <c>classifier.1</c>, <c>classifier.3</c>) so its checkpoints map by name.
/// </summary>
internal sealed class SimpleCnn : ImageClassifier
{
#pragma warning disable IDE1006 // PyTorch names, so checkpoints map by name
    private readonly TorchSharp.Modules.Sequential features;
    private readonly TorchSharp.Modules.Sequential classifier;
#pragma warning restore IDE1006

    /// <summary>Builds the network for <paramref name="spec"/> (image size divisible by 4).</summary>
    public SimpleCnn(ModelSpec spec, int hidden = 128) : base(nameof(SimpleCnn), spec)
    {
        if (spec.ImageSize % 4 != 0) throw new ArgumentException($"SimpleCnn needs an image size divisible by 4, got {spec.ImageSize}.");
        int side = spec.ImageSize / 4;
        features = Sequential(
            ("0", Conv2d(3, 32, 3, padding: 1)), ("1", ReLU()), ("2", MaxPool2d(2)),
            ("3", Conv2d(32, 64, 3, padding: 1)), ("4", ReLU()), ("5", MaxPool2d(2)));
        classifier = Sequential(
            ("0", Flatten()), ("1", Linear(64L * side * side, hidden)), ("2", ReLU()), ("3", Linear(hidden, spec.NumClasses)));
        RegisterComponents();
    }

    /// <summary>The convolutional stages.</summary>
    public TorchSharp.Modules.Sequential Features => features;

    /// <summary>The classifier head.</summary>
    public TorchSharp.Modules.Sequential Classifier => classifier;

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => classifier.forward(features.forward(input));
}
