using static TorchSharp.torch;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// A pre-norm transformer encoder block for user-built networks over tokens <c>[N, T, dim]</c>: timm's <c>Block</c>
/// (<c>x += attn(norm1(x)); x += mlp(norm2(x))</c>, multi-head self-attention, GELU MLP), the one the registered ViTs use,
/// its parts under <c>block.</c>.
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly PreNormBlock block;

    /// <summary>Creates the block.</summary>
    /// <param name="dim">Token width (a multiple of <paramref name="heads"/>).</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="mlpRatio">MLP hidden width as a multiple of <paramref name="dim"/>.</param>
    public TransformerBlock(int dim, int heads, int mlpRatio = 4) : base(nameof(TransformerBlock))
    {
        if (heads <= 0 || dim % heads != 0) throw new ArgumentException($"The token width {dim} must be a multiple of the heads {heads}.", nameof(heads));
        block = new PreNormBlock(dim, heads, dim * mlpRatio);
        RegisterComponents();
    }

    internal PreNormBlock Block => block;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => block.forward(input);
}
