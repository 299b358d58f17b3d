using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>The seed's post-norm transformer block: <c>x = norm1(x + attn(x)); x = norm2(x + mlp(x))</c>, GELU MLP.</summary>
internal sealed class PostNormBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly MultiheadSelfAttention attn;
    private readonly LayerNorm norm1;
    private readonly Sequential mlp;
    private readonly LayerNorm norm2;
#pragma warning restore IDE1006

    /// <summary>Creates the block.</summary>
    public PostNormBlock(int dim, int heads, int mlpDim, double attentionDropout) : base(nameof(PostNormBlock))
    {
        attn = new MultiheadSelfAttention(dim, heads, attentionDropout);
        norm1 = LayerNorm(dim);
        mlp = Sequential(("0", Linear(dim, mlpDim)), ("1", GELU()), ("2", Linear(mlpDim, dim)));
        norm2 = LayerNorm(dim);
        RegisterComponents();
    }

    /// <summary>The attention.</summary>
    public MultiheadSelfAttention Attention => attn;

    /// <summary>The norm after attention.</summary>
    public LayerNorm Norm1 => norm1;

    /// <summary>The MLP: Linear, GELU, Linear.</summary>
    public Sequential Mlp => mlp;

    /// <summary>The norm after the MLP.</summary>
    public LayerNorm Norm2 => norm2;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = norm1.forward(x + attn.forward(x));
        return norm2.forward(h + mlp.forward(h)).MoveToOuterDisposeScope();
    }
}
