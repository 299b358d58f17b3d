using static TorchSharp.torch;

namespace MlNetVision.Models.Blocks;

/// <summary>Global average pooling over tokens for user-built networks: <c>[N, T, D]</c> to <c>[N, D]</c>.</summary>
public sealed class TokenMean : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the pooling.</summary>
    public TokenMean() : base(nameof(TokenMean))
    {
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.mean([1]);
}
