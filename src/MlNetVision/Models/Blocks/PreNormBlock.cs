using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>timm's pre-norm transformer <c>Block</c>: <c>x += attn(norm1(x)); x += mlp(norm2(x))</c>, LayerNorm eps 1e-6.</summary>
public sealed class PreNormBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>timm's LayerNorm epsilon for ViT and DeiT.</summary>
    public const double LayerNormEps = 1e-6;

#pragma warning disable IDE1006
    private readonly LayerNorm norm1;
    private readonly TimmAttention attn;
    private readonly LayerNorm norm2;
    private readonly TimmMlp mlp;
#pragma warning restore IDE1006

    /// <summary>Creates the block.</summary>
    public PreNormBlock(int dim, int heads, int mlpHidden) : base(nameof(PreNormBlock))
    {
        norm1 = LayerNorm(dim, LayerNormEps);
        attn = new TimmAttention(dim, heads);
        norm2 = LayerNorm(dim, LayerNormEps);
        mlp = new TimmMlp(dim, mlpHidden);
        RegisterComponents();
    }

    /// <summary>The norm before attention.</summary>
    public LayerNorm Norm1 => norm1;

    /// <summary>The attention.</summary>
    public TimmAttention Attention => attn;

    /// <summary>The norm before the MLP.</summary>
    public LayerNorm Norm2 => norm2;

    /// <summary>The MLP.</summary>
    public TimmMlp Mlp => mlp;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x + attn.forward(norm1.forward(x));
        return (h + mlp.forward(norm2.forward(h))).MoveToOuterDisposeScope();
    }
}
