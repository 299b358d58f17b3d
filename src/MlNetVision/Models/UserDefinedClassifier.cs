using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// An image classifier around a network the user built: any <c>Module&lt;Tensor, Tensor&gt;</c> that maps
/// <c>[N, 3, S, S]</c> normalised images to <c>[N, classes]</c> logits. It trains, checkpoints and resumes like the
/// registered models (its parameters are named <c>network.…</c>); it exports to ONNX when it is made of the layers the
/// exporter knows (<c>Sequential</c>, convolutions, norms, activations, pooling, dropout, linear, <see cref="Blocks.Residual"/>…),
/// which the trainer checks on an untrained copy before training starts.
/// </summary>
public sealed class UserDefinedClassifier : ImageClassifier
{
    private readonly nn.Module<Tensor, Tensor> network;

    /// <summary>Wraps <paramref name="network"/>.</summary>
    public UserDefinedClassifier(ModelSpec spec, nn.Module<Tensor, Tensor> network) : base(nameof(UserDefinedClassifier), spec)
    {
        this.network = network ?? throw new ArgumentNullException(nameof(network));
        RegisterComponents();
    }

    /// <summary>The user's network.</summary>
    public nn.Module<Tensor, Tensor> Network => network;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => network.forward(input);
}
